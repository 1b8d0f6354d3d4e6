package io.flowmesh.reference.backend.vllm;

import java.util.Optional;

/** A generate request a loaded engine refuses (bad sampling params, prompt too long); one-line message. */
public final class EngineRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    /** Creates the exception with a one-line, user-facing message. */
    public EngineRequestException(String message) {
        this(message, null);
    }

    /** Creates the exception for a refused sampling parameter, named as vLLM names it. */
    public EngineRequestException(String message, String parameter) {
        super(message);
        this.parameter = parameter;
    }

    /** The sampling parameter refused, when the refusal is one parameter's. */
    public Optional<String> parameter() {
        return Optional.ofNullable(parameter);
    }
}
