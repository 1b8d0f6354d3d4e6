package io.flowmesh.reference.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Drops mapping members whose value is null. Upstream's models declare every optional field as
 * {@code X | None = None}, so {@code key: null} means the same as no key; validation sees the template
 * that way. Sequence items stay: a null item is still an item.
 */
final class NullMembers {

    private NullMembers() {
    }

    /** A copy of the tree without null members, at every depth. */
    static JsonNode dropped(JsonNode tree) {
        JsonNode copy = tree.deepCopy();
        drop(copy);
        return copy;
    }

    private static void drop(JsonNode node) {
        if (node.isObject()) {
            List<String> nulls = new ArrayList<>();
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (member.getValue().isNull()) {
                    nulls.add(member.getKey());
                } else {
                    drop(member.getValue());
                }
            }
            ((ObjectNode) node).remove(nulls);
        } else if (node.isArray()) {
            node.forEach(NullMembers::drop);
        }
    }
}
