package io.flowmesh.conformance.probe;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apiguardian.api.API;

/** Conversions between Jackson trees, JSON-like Java values and their canonical JSON text. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Values {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BRIEF_LIMIT = 60;

    private Values() {
    }

    /**
     * Canonical JSON of a JSON-like value: maps keep their insertion order, numbers print as Jackson
     * prints them. Two values are the same effect exactly when their canonical JSON is equal.
     */
    public static String canonical(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-like: " + value, e);
        }
    }

    /**
     * Whether two JSON-like values have the same {@linkplain #canonical canonical JSON} for certain: the
     * same structure, maps' keys in the same order, and leaves of the same class that are equal (a
     * {@code Double} by its bits, a {@code BigDecimal} with its scale). False says nothing: an
     * {@code Integer} and a {@code Long} of one value write alike, yet are not the same here. Stricter than
     * the contract cases' sameness of an observed value, which compares numbers by value and maps in any
     * order: this one decides whether a text written before may stand for the value.
     */
    public static boolean sameJson(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a instanceof List<?> left && b instanceof List<?> right) {
            if (left.size() != right.size()) {
                return false;
            }
            for (int i = 0; i < left.size(); i++) {
                if (!sameJson(left.get(i), right.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> left && b instanceof Map<?, ?> right) {
            if (left.size() != right.size()) {
                return false;
            }
            var others = right.entrySet().iterator();
            for (Map.Entry<?, ?> entry : left.entrySet()) {
                Map.Entry<?, ?> other = others.next();
                if (!entry.getKey().equals(other.getKey()) || !sameJson(entry.getValue(), other.getValue())) {
                    return false;
                }
            }
            return true;
        }
        // Two lists or two maps were compared above; a list and a map are of different classes.
        return a != null && b != null && a.getClass() == b.getClass() && a.equals(b);
    }

    /** A one-line, length-limited rendering of a value for display names. */
    public static String brief(Object value) {
        String text = value instanceof JsonNode node ? node.toString() : canonical(value);
        return text.length() <= BRIEF_LIMIT ? text : text.substring(0, BRIEF_LIMIT - 3) + "...";
    }

    /** A Jackson tree as JSON-like Java data (the types {@link io.flowmesh.conformance.spi.Effect} takes). */
    public static Object toJava(JsonNode node) {
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
            BigInteger big = node.bigIntegerValue();
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (node.isFloatingPointNumber()) {
            return node.isBigDecimal() ? (Object) node.decimalValue() : (Object) node.doubleValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(toJava(element)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            map.put(entry.getKey(), toJava(entry.getValue()));
        }
        return map;
    }

    /** JSON-like Java data as a Jackson tree. */
    public static JsonNode toTree(Object value) {
        return JSON.valueToTree(value instanceof BigDecimal decimal ? decimal.stripTrailingZeros() : value);
    }
}
