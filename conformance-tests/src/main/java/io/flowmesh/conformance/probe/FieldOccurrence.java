package io.flowmesh.conformance.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiguardian.api.API;

/**
 * One field of one template: a leaf the probes act on.
 *
 * <p>Leaves are scalars and lists of scalars (a list such as {@code stop: ["</s>"]} is one field).
 * Mappings and lists of mappings are walked into.
 *
 * @param pointer the field's JSON pointer, e.g. {@code /spec/training/log_with}
 * @param value the field's value in the template
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record FieldOccurrence(String pointer, JsonNode value) {

    /** Every leaf field of a template tree, in document order. */
    public static List<FieldOccurrence> allIn(JsonNode root) {
        List<FieldOccurrence> fields = new ArrayList<>();
        collect(root, "", fields);
        return List.copyOf(fields);
    }

    private static void collect(JsonNode node, String pointer, List<FieldOccurrence> into) {
        if (node.isObject()) {
            if (node.isEmpty() && !pointer.isEmpty()) {
                into.add(new FieldOccurrence(pointer, node));
            }
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                collect(entry.getValue(), pointer + "/" + Pointers.escape(entry.getKey()), into);
            }
        } else if (node.isArray() && containsContainers(node)) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, into);
            }
        } else {
            into.add(new FieldOccurrence(pointer, node));
        }
    }

    private static boolean containsContainers(JsonNode array) {
        for (JsonNode element : array) {
            if (element.isContainerNode()) {
                return true;
            }
        }
        return false;
    }
}
