package io.flowmesh.reference.parse;

/**
 * A mistake in a valid-looking template that a later step (scheduler, executor) finds, located by
 * JSON pointer; the facade turns it into a {@link io.flowmesh.conformance.spi.Diagnostic} with the
 * line and column from the {@link SourceMap}.
 */
public final class TemplateProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final String pointer;
    private final String code;

    /**
     * @param pointer the field concerned
     * @param code a stable code such as {@code schedule.no-worker}
     * @param message one line for people
     */
    public TemplateProblem(String pointer, String code, String message) {
        super(message);
        this.pointer = pointer;
        this.code = code;
    }

    /** The field concerned. */
    public String pointer() {
        return pointer;
    }

    /** The stable code. */
    public String code() {
        return code;
    }
}
