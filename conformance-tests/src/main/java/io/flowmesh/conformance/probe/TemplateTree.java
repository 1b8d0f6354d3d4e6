package io.flowmesh.conformance.probe;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.apiguardian.api.API;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a template into a tree the probes can change, and writes a changed tree back as YAML.
 *
 * <p>The kit reads only templates the implementation under test has already accepted, but it still
 * loads them with tight limits so that a hostile file can never exhaust the kit itself.
 *
 * <p>A changed tree is written in YAML's flow style, which is JSON with two YAML 1.1 cares (see
 * {@link #write}): about seven times cheaper than the block style of a YAML emitter, and a template is
 * written once per probe.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TemplateTree {

    private static final int MAX_CODE_POINTS = 1 << 20;
    private static final int MAX_ALIASES = 50;
    private static final int MAX_NESTING = 64;

    /**
     * The longest key written in flow style: YAML 1.1 readers (PyYAML, SnakeYAML) take an implicit key of
     * over 1,024 characters for no key at all, and a key written escaped and quoted is at most six
     * characters a character, plus its two quotes.
     */
    private static final int MAX_FLOW_KEY = (1024 - 2) / 6;

    private static final YAMLMapper MAPPER = createMapper();
    private static final JsonFactory FLOW = new JsonFactoryBuilder().characterEscapes(new YamlEscapes()).build();
    private static final DefaultPrettyPrinter ONE_FIELD_A_LINE = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private TemplateTree() {
    }

    private static YAMLMapper createMapper() {
        LoaderOptions loaderOptions = new LoaderOptions();
        loaderOptions.setCodePointLimit(MAX_CODE_POINTS);
        loaderOptions.setMaxAliasesForCollections(MAX_ALIASES);
        loaderOptions.setNestingDepthLimit(MAX_NESTING);
        loaderOptions.setAllowDuplicateKeys(false);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(loaderOptions)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build();
        return new YAMLMapper(factory);
    }

    /**
     * Reads template text into a tree.
     *
     * @throws TemplateReadException when the text is not YAML the kit can read
     */
    public static JsonNode read(String yaml) {
        try {
            refuseAliases(yaml);
            JsonNode tree = MAPPER.readTree(yaml);
            if (tree == null || !tree.isObject()) {
                throw new TemplateReadException("the template is not a YAML mapping");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new TemplateReadException(e.getOriginalMessage());
        } catch (IOException e) {
            throw new TemplateReadException(e.getMessage());
        }
    }

    /**
     * Jackson's YAML parser reports an alias as its anchor's name instead of the anchored value, so a
     * probe of a template with aliases would run a different template; the kit refuses such templates.
     */
    private static void refuseAliases(String yaml) throws IOException {
        try (YAMLParser parser = MAPPER.getFactory().createParser(yaml)) {
            while (parser.nextToken() != null) {
                if (parser.isCurrentAlias()) {
                    throw new TemplateReadException("the template uses the YAML alias *" + parser.getText() + " at line "
                            + parser.currentTokenLocation().getLineNr() + "; the kit probes templates without aliases");
                }
            }
        }
    }

    /**
     * Where each field and list item of a template starts: its JSON pointer mapped to a 1-based
     * {@code {"line": L, "column": C}} (a mapping's value is located at its key). Call it only on text
     * {@link #read(String)} accepts.
     *
     * @throws TemplateReadException when the text is not YAML the kit can read
     */
    public static Map<String, Map<String, Integer>> locations(String yaml) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        // One frame per open mapping or list: its pointer, and for a list the index of its next item.
        Deque<String> pointers = new ArrayDeque<>();
        Deque<int[]> indexes = new ArrayDeque<>();
        String key = "";
        try (YAMLParser parser = MAPPER.getFactory().createParser(yaml)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    key = pointers.peek() + "/" + Pointers.escape(parser.currentName());
                    out.put(key, position(parser.currentTokenLocation()));
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    pointers.pop();
                    indexes.pop();
                    continue;
                }
                String pointer;
                if (pointers.isEmpty()) {
                    pointer = "";
                } else if (indexes.peek()[0] >= 0) {
                    pointer = pointers.peek() + "/" + indexes.peek()[0]++;
                    out.put(pointer, position(parser.currentTokenLocation()));
                } else {
                    pointer = key;
                }
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    pointers.push(pointer);
                    indexes.push(new int[] {token == JsonToken.START_ARRAY ? 0 : -1});
                }
            }
        } catch (JsonProcessingException e) {
            throw new TemplateReadException(e.getOriginalMessage());
        } catch (IOException e) {
            throw new TemplateReadException(e.getMessage());
        }
        return out;
    }

    private static Map<String, Integer> position(JsonLocation location) {
        Map<String, Integer> position = new LinkedHashMap<>();
        position.put("line", location.getLineNr());
        position.put("column", location.getColumnNr());
        return position;
    }

    /**
     * Writes a tree back as YAML text that every YAML 1.1 reader reads as the same tree: in flow style,
     * one field or item a line, every string double-quoted. JSON as it stands is not quite that: a YAML
     * 1.1 float has a dot and a signed exponent ({@code 1.0E7} is the string "1.0E7" to PyYAML), so
     * floats are written {@code 1.0E+7}; and characters JSON leaves as they are but YAML folds or
     * refuses (U+0085, U+2028, U+2029, C1 controls, DEL, U+FEFF) are escaped. A tree with a key that,
     * escaped, could pass YAML's 1,024-character limit on implicit keys ({@value #MAX_FLOW_KEY} characters
     * or more) is written in block style, where the emitter marks a long key explicitly.
     *
     * <p>A string is written as the string the tree holds: a date the template wrote plain, a date to
     * PyYAML but a string to the kit's reader (and in protocol v2's JSON document), is quoted in a probe.
     */
    public static String write(JsonNode tree) {
        try {
            if (longestKey(tree) > MAX_FLOW_KEY) {
                return MAPPER.writeValueAsString(tree);
            }
            StringWriter out = new StringWriter(1024);
            try (JsonGenerator generator = FLOW.createGenerator(out)) {
                generator.setPrettyPrinter(ONE_FIELD_A_LINE);
                writeFlow(tree, generator);
            }
            return out.append('\n').toString();
        } catch (IOException e) {
            throw new UncheckedIOException("a JSON tree always serialises to YAML", e);
        }
    }

    private static int longestKey(JsonNode node) {
        int longest = 0;
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                longest = Math.max(longest, Math.max(field.getKey().length(), longestKey(field.getValue())));
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                longest = Math.max(longest, longestKey(item));
            }
        }
        return longest;
    }

    private static void writeFlow(JsonNode node, JsonGenerator generator) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                generator.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    generator.writeFieldName(field.getKey());
                    writeFlow(field.getValue(), generator);
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray();
                for (JsonNode item : node) {
                    writeFlow(item, generator);
                }
                generator.writeEndArray();
            }
            case NUMBER -> writeNumber(node, generator);
            // Binary, POJO and missing nodes never come from a YAML read; their text is what they mean.
            case STRING, BINARY, POJO, MISSING -> generator.writeString(node.asText());
            case BOOLEAN -> generator.writeBoolean(node.booleanValue());
            case NULL -> generator.writeNull();
        }
    }

    private static void writeNumber(JsonNode number, JsonGenerator generator) throws IOException {
        if (number.isIntegralNumber()) {
            generator.writeNumber(number.bigIntegerValue());
            return;
        }
        String text;
        if (number.isBigDecimal()) {
            text = number.decimalValue().toString();
        } else if (number.isFloat()) {
            text = Float.toString(number.floatValue());
        } else {
            text = Double.toString(number.doubleValue());
        }
        if (!Double.isFinite(number.doubleValue()) && !number.isBigDecimal()) {
            // YAML has .nan and .inf, but Jackson's YAML reader refuses them; as the block writer did, the
            // value's name as a string.
            generator.writeString(text);
            return;
        }
        generator.writeNumber(yaml11Float(text));
    }

    /** A float written with a dot and a signed exponent, as YAML 1.1's float pattern asks. */
    static String yaml11Float(String text) {
        int exponent = Math.max(text.indexOf('E'), text.indexOf('e'));
        String mantissa = exponent < 0 ? text : text.substring(0, exponent);
        String power = exponent < 0 ? "" : text.substring(exponent + 1);
        if (mantissa.indexOf('.') < 0) {
            mantissa = mantissa + ".0";
        }
        if (power.isEmpty()) {
            return mantissa;
        }
        return mantissa + "E" + (power.startsWith("-") || power.startsWith("+") ? power : "+" + power);
    }

    /**
     * JSON's escapes (quote, backslash, C0 controls) and those of the characters a YAML 1.1 double-quoted
     * scalar folds or refuses. Supplementary characters stay as they are: every YAML reader takes them raw.
     */
    private static final class YamlEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private static final int[] ASCII = standardAsciiEscapesForJSON();

        static {
            ASCII[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // U+0085, U+2028 and U+2029 are line breaks a double-quoted scalar folds; the C1 controls, the
            // byte order mark and the non-characters are outside YAML's printable set.
            boolean escaped = ch <= 0x9F || ch == 0x2028 || ch == 0x2029 || ch == 0xFEFF || ch >= 0xFFFE;
            return escaped ? new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch)) : null;
        }
    }

    /** The template text could not be read by the kit. */
    public static final class TemplateReadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TemplateReadException(String message) {
            super(message);
        }
    }
}
