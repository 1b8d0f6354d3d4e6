package io.flowmesh.reference.parse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import io.flowmesh.conformance.spi.Diagnostic;

/**
 * One load of one document: walks the parser's tokens into a tree, recording locations, expanding
 * aliases and enforcing the limits of {@link SafeYamlLoader}. Not reusable. The parser is a YAML one, or
 * a JSON one reading a text {@link JsonAsYaml} admits, whose checks this reader then applies as it goes.
 */
final class TreeReader {

    private static final String CORE_TAG_PREFIX = "tag:yaml.org,2002:";
    /** Code of the warning about a mapping key written twice: the first value is shadowed and has no effect. */
    static final String DUPLICATE_KEY = "yaml.duplicate-key.no-effect";
    private static final String NULL_TAG = CORE_TAG_PREFIX + "null";
    private static final Set<String> CORE_TAGS = Set.of("str", "int", "float", "bool", "null", "map", "seq");

    private final JsonParser parser;
    private final boolean json;
    private final String sourceName;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final Map<String, SourceMap.Location> locations = new LinkedHashMap<>();
    private final Map<String, Anchored> anchors = new HashMap<>();
    private final List<Diagnostic> warnings = new ArrayList<>();
    private int aliasNodes;

    TreeReader(JsonParser parser, String sourceName) {
        this.parser = parser;
        this.json = !(parser instanceof YAMLParser);
        this.sourceName = sourceName;
    }

    YamlLoad readDocument() throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw refusal(SourceMap.START, "", "yaml.empty", "the document is empty");
        }
        SourceMap.Location rootAt = here();
        if (first != JsonToken.START_OBJECT) {
            if (first.isScalarValue() && !isAlias() && parser.getText().isEmpty()) {
                throw refusal(rootAt, "", "yaml.empty", "the document is empty");
            }
            throw refusal(rootAt, "", "yaml.root",
                    "the document root must be a mapping, found " + describe(first));
        }
        locations.put("", rootAt);
        JsonNode root = readValue(first, "", 1);
        JsonToken extra = parser.nextToken();
        if (extra != null) {
            throw refusal(here(), "", "yaml.multi-document",
                    "only one YAML document is allowed; a second one starts here");
        }
        return new YamlLoad.Loaded((ObjectNode) root, new SourceMap(locations), warnings);
    }

    private JsonNode readValue(JsonToken token, String pointer, int depth) throws IOException {
        String tag = checkTag(pointer);
        if (isAlias()) {
            return expandAlias(parser.getText(), pointer, depth);
        }
        String anchor = (String) parser.getObjectId();
        JsonNode node;
        if (NULL_TAG.equals(tag) && token.isScalarValue()) {
            // The streaming parser reads an explicit !!null scalar as text; the core schema says null.
            token = JsonToken.VALUE_NULL;
        }
        switch (token) {
            case START_OBJECT:
                node = readObject(pointer, depth);
                break;
            case START_ARRAY:
                node = readArray(pointer, depth);
                break;
            case VALUE_STRING:
                node = nodes.textNode(checkedText(pointer));
                break;
            case VALUE_NUMBER_INT:
                if (json) {
                    JsonAsYaml.checkNumber(parser.getText(), true);
                }
                node = parser.getNumberType() == com.fasterxml.jackson.core.JsonParser.NumberType.BIG_INTEGER
                        ? nodes.numberNode(parser.getBigIntegerValue())
                        : nodes.numberNode(parser.getLongValue());
                break;
            case VALUE_NUMBER_FLOAT:
                if (json) {
                    JsonAsYaml.checkNumber(parser.getText(), false);
                }
                node = nodes.numberNode(parser.getDoubleValue());
                break;
            case VALUE_TRUE:
            case VALUE_FALSE:
                node = nodes.booleanNode(token == JsonToken.VALUE_TRUE);
                break;
            case VALUE_NULL:
                node = nodes.nullNode();
                break;
            default:
                throw refusal(here(), pointer, "yaml.tag", "unsupported YAML value (" + token + ")");
        }
        if (anchor != null) {
            anchors.put(anchor, Anchored.of(node));
        }
        return node;
    }

    private ObjectNode readObject(String pointer, int depth) throws IOException {
        checkDepth(pointer, depth);
        ObjectNode object = nodes.objectNode();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (token == null) {
                throw refusal(here(), pointer, "yaml.syntax", "YAML syntax error: unexpected end of document");
            }
            SourceMap.Location keyAt = here();
            checkTag(pointer);
            if (isAlias()) {
                throw refusal(keyAt, pointer, "yaml.alias", "an alias cannot be a mapping key");
            }
            String key = checkedText(pointer);
            String child = pointer + "/" + escape(key);
            if (object.has(key)) {
                shadow(key, child, keyAt);
            }
            locations.put(child, keyAt);
            JsonLocation keyLocation = json ? parser.currentTokenLocation() : null;
            JsonToken value = parser.nextToken();
            if (json) {
                JsonAsYaml.checkKey(keyLocation, parser.currentTokenLocation());
            }
            object.set(key, readValue(value, child, depth + 1));
        }
        return object;
    }

    /**
     * A key written twice: PyYAML's safe_load, which upstream uses, keeps the last value, so this
     * loader does too, and warns that the earlier value is shadowed. The earlier value's locations
     * are forgotten, so every pointer locates what the template means.
     */
    private void shadow(String key, String pointer, SourceMap.Location at) {
        SourceMap.Location first = locations.get(pointer);
        locations.keySet().removeIf(located -> located.startsWith(pointer + "/"));
        warnings.add(new Diagnostic(sourceName, pointer, at.line(), at.column(), DUPLICATE_KEY, "duplicate key '" + key
                + "': the value at line " + first.line() + " has no effect, the one at line " + at.line()
                + " replaces it (YAML keeps the last); remove one of them"));
    }

    private ArrayNode readArray(String pointer, int depth) throws IOException {
        checkDepth(pointer, depth);
        ArrayNode array = nodes.arrayNode();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw refusal(here(), pointer, "yaml.syntax", "YAML syntax error: unexpected end of document");
            }
            String child = pointer + "/" + array.size();
            locations.put(child, here());
            array.add(readValue(token, child, depth + 1));
        }
        return array;
    }

    private JsonNode expandAlias(String anchor, String pointer, int depth) {
        Anchored anchored = anchors.get(anchor);
        if (anchored == null) {
            throw refusal(here(), pointer, "yaml.alias",
                    "alias '*" + anchor + "' refers to no earlier complete anchor '&" + anchor + "'");
        }
        // An alias must not smuggle in nesting that the depth limit would refuse if written out.
        checkDepth(pointer, depth + anchored.height() - 1);
        aliasNodes += anchored.size();
        if (aliasNodes > SafeYamlLoader.MAX_ALIAS_NODES) {
            throw refusal(here(), pointer, "yaml.alias-budget", "alias expansion would add more than "
                    + SafeYamlLoader.MAX_ALIAS_NODES + " nodes to the document");
        }
        return anchored.node().deepCopy();
    }

    private void checkDepth(String pointer, int depth) {
        if (depth > SafeYamlLoader.MAX_DEPTH) {
            throw refusal(here(), pointer, "yaml.depth",
                    "nesting is deeper than " + SafeYamlLoader.MAX_DEPTH + " levels");
        }
    }

    /** Refuses a tag outside the core schema; returns the tag of the current token, or null. */
    private String checkTag(String pointer) throws IOException {
        String tag = (String) parser.getTypeId();
        if (tag == null) {
            return null;
        }
        if (tag.startsWith(CORE_TAG_PREFIX) && CORE_TAGS.contains(tag.substring(CORE_TAG_PREFIX.length()))) {
            return tag;
        }
        String shown = tag.startsWith(CORE_TAG_PREFIX) ? "!!" + tag.substring(CORE_TAG_PREFIX.length()) : "!" + tag;
        throw refusal(here(), pointer, "yaml.tag", "tag '" + shown
                + "' is not allowed; only the core schema tags !!str, !!int, !!float, !!bool, !!null, !!map, !!seq are");
    }

    private String checkedText(String pointer) throws IOException {
        String text = parser.getText();
        if (SafeYamlLoader.longerInUtf8(text, SafeYamlLoader.MAX_SCALAR_BYTES)) {
            throw refusal(here(), pointer, "yaml.scalar-size",
                    "scalar is larger than " + SafeYamlLoader.MAX_SCALAR_BYTES + " bytes");
        }
        return text;
    }

    /** Whether the current token is an alias, which only YAML writes. */
    private boolean isAlias() {
        return parser instanceof YAMLParser yaml && yaml.isCurrentAlias();
    }

    private SourceMap.Location here() {
        JsonLocation location = parser.currentTokenLocation();
        return new SourceMap.Location(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    private YamlRefusal refusal(SourceMap.Location at, String pointer, String code, String message) {
        return new YamlRefusal(new Diagnostic(sourceName, pointer, at.line(), at.column(), code, message));
    }

    private static String describe(JsonToken token) {
        if (token == JsonToken.START_ARRAY) {
            return "a sequence";
        }
        return "a scalar";
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /**
     * An anchored node with its size (nodes, itself included) and height (container levels), so an
     * alias is priced before it is copied.
     */
    private record Anchored(JsonNode node, int size, int height) {

        static Anchored of(JsonNode node) {
            int size = 1;
            int childHeight = 0;
            for (JsonNode child : node) {
                Anchored measured = of(child);
                size += measured.size();
                childHeight = Math.max(childHeight, measured.height());
            }
            return new Anchored(node, size, node.isContainerNode() ? childHeight + 1 : 0);
        }
    }
}
