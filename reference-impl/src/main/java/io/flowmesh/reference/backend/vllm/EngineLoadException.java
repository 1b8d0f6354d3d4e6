package io.flowmesh.reference.backend.vllm;

/** Engine kwargs that cannot load an engine; the message is one user-facing line, as vLLM's would be. */
public final class EngineLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line, user-facing message. */
    public EngineLoadException(String message) {
        super(message);
    }
}
