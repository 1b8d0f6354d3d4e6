package io.flowmesh.reference.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The spec of one task of a multi-task workflow: the workflow's shared spec with the task's own spec
 * deep-merged over it, as upstream's parser builds it. A mapping present on both sides is merged key
 * by key; any other value of the task replaces the shared one.
 *
 * <p>Each field of the merged spec still comes from one place in the template, so a problem found in
 * the merged spec is reported where the field was written ({@link #sourceOf}).
 */
final class MergedSpec {

    private final JsonNode shared;
    private final String sharedPointer;
    private final JsonNode own;
    private final String ownPointer;
    private final ObjectNode merged;

    /**
     * @param shared the workflow's spec without {@code stages} and {@code graph}
     * @param sharedPointer where it is written, {@code /spec}
     * @param own the task's own spec, or null when it has none
     * @param ownPointer where the task's own spec is written (or would be)
     */
    MergedSpec(ObjectNode shared, String sharedPointer, JsonNode own, String ownPointer) {
        this.shared = shared;
        this.sharedPointer = sharedPointer;
        this.own = own != null && own.isObject() ? own : null;
        this.ownPointer = ownPointer;
        this.merged = this.own == null ? shared.deepCopy() : merge(shared, (ObjectNode) this.own);
    }

    /** The merged spec (this object's own copy). */
    ObjectNode tree() {
        return merged;
    }

    /**
     * Where a field of the merged spec is written in the template.
     *
     * @param pointer a pointer into the merged spec ({@code ""} for the spec itself)
     * @return the pointer of the same field in the template
     */
    String sourceOf(String pointer) {
        List<String> tokens = tokens(pointer);
        JsonNode sharedAt = shared;
        JsonNode ownAt = own;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            String token = unescape(tokens.get(i));
            JsonNode ownChild = ownAt != null && ownAt.isObject() ? ownAt.get(token) : null;
            JsonNode sharedChild = sharedAt != null && sharedAt.isObject() ? sharedAt.get(token) : null;
            String rest = String.join("/", tokens.subList(i, tokens.size()));
            if (ownChild != null && !(ownChild.isObject() && sharedChild != null && sharedChild.isObject())) {
                return ownPointer + path + "/" + rest;
            }
            if (ownChild == null && sharedChild != null) {
                return sharedPointer + path + "/" + rest;
            }
            if (ownChild == null) {
                return (ownAt != null ? ownPointer : sharedPointer) + path;
            }
            path.append('/').append(tokens.get(i));
            ownAt = ownChild;
            sharedAt = sharedChild;
        }
        return ownPointer + path;
    }

    private static ObjectNode merge(ObjectNode base, ObjectNode override) {
        ObjectNode out = base.deepCopy();
        for (Map.Entry<String, JsonNode> entry : override.properties()) {
            JsonNode current = out.get(entry.getKey());
            if (entry.getValue().isObject() && current != null && current.isObject()) {
                out.set(entry.getKey(), merge((ObjectNode) current, (ObjectNode) entry.getValue()));
            } else {
                out.set(entry.getKey(), entry.getValue().deepCopy());
            }
        }
        return out;
    }

    private static List<String> tokens(String pointer) {
        List<String> tokens = new ArrayList<>();
        if (!pointer.isEmpty()) {
            for (String token : pointer.substring(1).split("/", -1)) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
