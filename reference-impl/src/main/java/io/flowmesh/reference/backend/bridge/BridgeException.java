package io.flowmesh.reference.backend.bridge;

import java.util.Objects;
import java.util.Optional;

/**
 * The Python bridge could not serve a request: Python or a module is missing, the process died, or
 * the Python side answered with an error. {@link #kind()} is a stable word for tests and reports.
 */
public final class BridgeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** No Python executable could be started. */
    public static final String PYTHON_MISSING = "python_missing";
    /** Python started but a module it needs is not installed (the bridge package itself, torch, vllm...). */
    public static final String MODULE_MISSING = "module_missing";
    /** The bridge's Python sources could not be found or unpacked. */
    public static final String SOURCES_MISSING = "sources_missing";
    /** The process ended or stopped answering. */
    public static final String PROCESS_DIED = "process_died";
    /** A reply was not the JSON the protocol promises. */
    public static final String INVALID_REPLY = "invalid_reply";

    private final String kind;
    private final String field;

    /**
     * @param kind a stable word: one of the constants here or the Python side's error type
     * @param message one line saying what failed
     */
    public BridgeException(String kind, String message) {
        this(kind, null, message);
    }

    /**
     * @param kind a stable word: one of the constants here or the Python side's error type
     * @param field the request parameter the Python side says the failure belongs to, or {@code null}
     * @param message one line saying what failed
     */
    public BridgeException(String kind, String field, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.field = field;
    }

    /**
     * @param kind a stable word
     * @param message one line saying what failed
     * @param cause the underlying failure
     */
    public BridgeException(String kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.field = null;
    }

    /** The request parameter the failure belongs to (e.g. {@code revision}), when the Python side names one. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** A stable word naming the failure, e.g. {@value #MODULE_MISSING}. */
    public String kind() {
        return kind;
    }
}
