package io.flowmesh.reference.backend.vllm;

/** A generate request a loaded engine refuses (bad sampling params, prompt too long); one-line message. */
public final class EngineRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line, user-facing message. */
    public EngineRequestException(String message) {
        super(message);
    }
}
