package io.flowmesh.conformance.spi;

import java.util.Objects;

import org.apiguardian.api.API;

/**
 * One finding about a template: a violation (the template is refused) or a warning (it is accepted).
 *
 * @param source the file or source name the template came from
 * @param pointer the JSON pointer of the field concerned ({@code ""} for the whole document)
 * @param line the 1-based line of the field in the source, or 0 when unknown
 * @param column the 1-based column of the field in the source, or 0 when unknown
 * @param code a stable, machine-readable code such as {@code schema.type} or {@code legacy.no-effect}
 * @param message a one-line message for people
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Diagnostic(String source, String pointer, int line, int column, String code, String message) {

    /**
     * The code, or the last dot-separated part of a code, of a warning that says the field at its
     * pointer has no runtime effect (e.g. {@code legacy.no-effect}). The kit holds an implementation
     * to it: a probe that shows such a field being read fails.
     */
    public static final String NO_EFFECT = "no-effect";

    public Diagnostic {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be 0 (unknown) or positive");
        }
    }

    /** Whether this diagnostic says its field has no runtime effect: its code is, or ends in, {@code .}{@value #NO_EFFECT}. */
    public boolean declaresNoEffect() {
        return code.equals(NO_EFFECT) || code.endsWith("." + NO_EFFECT);
    }

    /** Renders the diagnostic as compilers do: {@code file:line:column: /pointer: message [code]}. */
    public String format() {
        String where = pointer.isEmpty() ? "(document)" : pointer;
        return source + ":" + line + ":" + column + ": " + where + ": " + message + " [" + code + "]";
    }

    @Override
    public String toString() {
        return format();
    }
}
