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

    /**
     * The tree without null members, at every depth: a copy when it has any, else the tree itself, which
     * most templates are and whose copy would cost a pass over every node. Neither is to be changed.
     */
    static JsonNode dropped(JsonNode tree) {
        if (!hasNullMember(tree)) {
            return tree;
        }
        JsonNode copy = tree.deepCopy();
        drop(copy);
        return copy;
    }

    private static boolean hasNullMember(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (member.getValue().isNull() || hasNullMember(member.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (hasNullMember(item)) {
                    return true;
                }
            }
        }
        return false;
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
