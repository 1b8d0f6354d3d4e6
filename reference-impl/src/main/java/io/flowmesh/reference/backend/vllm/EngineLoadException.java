package io.flowmesh.reference.backend.vllm;

import java.util.Objects;
import java.util.Optional;

/**
 * Engine kwargs that cannot load an engine; the message is one user-facing line, as vLLM's would be.
 * The failure names, as data, the engine kwarg it belongs to, so that whoever built the kwargs can
 * point at the field behind it.
 */
public final class EngineLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String kwarg;
    private final boolean unresolved;

    private EngineLoadException(String kwarg, boolean unresolved, String message) {
        super(message);
        this.kwarg = kwarg;
        this.unresolved = unresolved;
    }

    /**
     * A kwarg whose value the engine refuses.
     *
     * @param kwarg the engine kwarg at fault, e.g. {@code max_model_len}; {@code null} when no single one is
     */
    public static EngineLoadException invalid(String kwarg, String message) {
        return new EngineLoadException(kwarg, false, Objects.requireNonNull(message, "message"));
    }

    /**
     * A model or tokenizer that does not resolve to a snapshot.
     *
     * @param kwarg {@code model}, {@code revision} or {@code tokenizer_revision}
     */
    public static EngineLoadException unresolved(String kwarg, String message) {
        return new EngineLoadException(Objects.requireNonNull(kwarg, "kwarg"), true,
                Objects.requireNonNull(message, "message"));
    }

    /** The engine kwarg the failure belongs to, if a single one does. */
    public Optional<String> kwarg() {
        return Optional.ofNullable(kwarg);
    }

    /** Whether a model or tokenizer revision did not resolve, rather than a kwarg being refused. */
    public boolean unresolved() {
        return unresolved;
    }
}
