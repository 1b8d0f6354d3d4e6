package io.flowmesh.reference.parse;

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

    private final FieldSources sources;
    private final ObjectNode merged;

    /**
     * @param shared the workflow's spec without {@code stages} and {@code graph}
     * @param sharedPointer where it is written, {@code /spec}
     * @param own the task's own spec, or null when it has none
     * @param ownPointer where the task's own spec is written (or would be)
     */
    MergedSpec(ObjectNode shared, String sharedPointer, JsonNode own, String ownPointer) {
        this.sources = FieldSources.merged(shared, sharedPointer, own, ownPointer);
        this.merged = own != null && own.isObject() ? merge(shared, (ObjectNode) own) : shared.deepCopy();
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
        return sources.sourceOf(pointer);
    }

    /** Where each field of the merged spec is written, for diagnostics raised after parsing. */
    FieldSources sources() {
        return sources;
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
}
