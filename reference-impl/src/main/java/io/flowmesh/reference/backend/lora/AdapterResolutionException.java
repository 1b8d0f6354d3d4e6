package io.flowmesh.reference.backend.lora;

/** An adapter source that cannot be resolved; the message is one user-facing line. */
public final class AdapterResolutionException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line, user-facing message. */
    public AdapterResolutionException(String message) {
        super(message);
    }
}
