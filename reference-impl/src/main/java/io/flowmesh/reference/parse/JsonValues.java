package io.flowmesh.reference.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns tree nodes into plain JSON-like Java data: String, Boolean, Long, BigInteger, Double,
 * BigDecimal, null, unmodifiable lists and unmodifiable insertion-ordered maps.
 */
final class JsonValues {

    /** An empty mapping, for specs that carry nothing of their own. */
    static final JsonNode EMPTY = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();

    private JsonValues() {
    }

    static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.isBigInteger() ? node.bigIntegerValue() : Long.valueOf(node.longValue());
        }
        if (node.isBigDecimal()) {
            return node.decimalValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(toJava(element)));
            return Collections.unmodifiableList(list);
        }
        if (node.isObject()) {
            return toMap(node);
        }
        return node.asText();
    }

    /** An object node as an unmodifiable, insertion-ordered map; empty for anything else. */
    static Map<String, Object> toMap(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        node.properties().forEach(entry -> map.put(entry.getKey(), toJava(entry.getValue())));
        return Collections.unmodifiableMap(map);
    }

    /** An object node of strings as an insertion-ordered map; empty when absent. */
    static Map<String, String> toStringMap(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        node.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asText()));
        return map;
    }

    /** An array node of strings as a list; empty when absent. */
    static List<String> toStringList(JsonNode node) {
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<String> list = new ArrayList<>(node.size());
        node.forEach(element -> list.add(element.asText()));
        return list;
    }
}
