package io.flowmesh.reference.schema;

import java.util.Objects;

/**
 * One way a template breaks the workflow schema.
 *
 * @param pointer RFC 6901 pointer of the offending node: for an unknown key the key itself, for a
 *     missing property the object lacking it ({@code ""} for the root)
 * @param keyword the stable code, {@code schema.<keyword>} ({@code schema.unknown-key} for a key the
 *     schema does not allow)
 * @param message one readable line naming what is wrong
 */
public record SchemaViolation(String pointer, String keyword, String message) {

    public SchemaViolation {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(message, "message");
    }
}
