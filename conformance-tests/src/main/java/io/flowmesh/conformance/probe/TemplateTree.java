package io.flowmesh.conformance.probe;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
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
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TemplateTree {

    private static final int MAX_CODE_POINTS = 1 << 20;
    private static final int MAX_ALIASES = 50;
    private static final int MAX_NESTING = 64;

    private static final YAMLMapper MAPPER = createMapper();

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

    /** Writes a tree back as YAML text. */
    public static String write(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises to YAML", e);
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
