package io.flowmesh.reference.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where each field of a task's spec is written in the template. A stage or graph node's spec is the
 * workflow's shared spec with the node's own spec deep-merged over it, so a field it inherits is
 * written under {@code /spec}, and a field of its own under {@code /spec/stages/<i>/spec}; a
 * diagnostic about the field (a no-effect warning, a run-time problem) names the place where the
 * author can change it.
 *
 * <p>Immutable: the trees it holds are private copies and never exposed.
 */
public final class FieldSources {

    private final JsonNode shared;
    private final String sharedPointer;
    private final JsonNode own;
    private final String ownPointer;

    private FieldSources(JsonNode shared, String sharedPointer, JsonNode own, String ownPointer) {
        this.shared = shared == null ? null : shared.deepCopy();
        this.sharedPointer = Objects.requireNonNull(sharedPointer, "sharedPointer");
        this.own = own != null && own.isObject() ? own.deepCopy() : null;
        this.ownPointer = Objects.requireNonNull(ownPointer, "ownPointer");
    }

    /** A spec written in one place, e.g. a single-task template's {@code /spec}. */
    public static FieldSources at(String pointer) {
        return new FieldSources(null, pointer, null, pointer);
    }

    /**
     * A spec merged from a shared spec and a node's own spec.
     *
     * @param shared the workflow's spec without {@code stages} and {@code graph}
     * @param sharedPointer where it is written, {@code /spec}
     * @param own the node's own spec, or null when it has none
     * @param ownPointer where the node's own spec is written (or would be)
     */
    static FieldSources merged(JsonNode shared, String sharedPointer, JsonNode own, String ownPointer) {
        return new FieldSources(shared, sharedPointer, own, ownPointer);
    }

    /**
     * The template pointer of a field of the spec.
     *
     * @param relative the field's path below the spec, e.g. {@code model/source/revision}; {@code ""}
     *     for the spec itself
     * @return where the field is written, e.g. {@code /spec/model/source/revision}
     */
    public String of(String relative) {
        return locate(relative.isEmpty() ? "" : "/" + relative, true);
    }

    /**
     * The template pointer of a field of the merged spec, as the parser reports violations: a field
     * written nowhere (a missing required property) is reported at the nearest object that is written.
     *
     * @param pointer a pointer into the merged spec ({@code ""} for the spec itself)
     */
    String sourceOf(String pointer) {
        return locate(pointer, false);
    }

    private String locate(String pointer, boolean missingAsOwn) {
        List<String> tokens = tokens(pointer);
        if (shared == null && own == null) {
            return ownPointer + pointer;
        }
        JsonNode sharedAt = shared;
        JsonNode ownAt = own;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            String token = unescape(tokens.get(i));
            JsonNode ownChild = ownAt != null && ownAt.isObject() ? ownAt.get(token) : null;
            JsonNode sharedChild = sharedAt != null && sharedAt.isObject() ? sharedAt.get(token) : null;
            if (ownChild != null && !(ownChild.isObject() && sharedChild != null && sharedChild.isObject())) {
                return ownPointer + path + "/" + rest(tokens, i);
            }
            if (ownChild == null && sharedChild != null) {
                return sharedPointer + path + "/" + rest(tokens, i);
            }
            if (ownChild == null) {
                String parent = (ownAt != null ? ownPointer : sharedPointer) + path;
                // A field written nowhere is one the node would add: it belongs in the node's own spec.
                return missingAsOwn ? ownPointer + path + "/" + rest(tokens, i) : parent;
            }
            path.append('/').append(tokens.get(i));
            ownAt = ownChild;
            sharedAt = sharedChild;
        }
        return ownPointer + path;
    }

    /** The pointer's tokens from the {@code from}th on, as written: joined only for the answer. */
    private static String rest(List<String> tokens, int from) {
        return String.join("/", tokens.subList(from, tokens.size()));
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

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldSources that && Objects.equals(shared, that.shared)
                && sharedPointer.equals(that.sharedPointer) && Objects.equals(own, that.own)
                && ownPointer.equals(that.ownPointer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shared, sharedPointer, own, ownPointer);
    }

    @Override
    public String toString() {
        return own == null && shared == null ? ownPointer : ownPointer + " over " + sharedPointer;
    }
}
