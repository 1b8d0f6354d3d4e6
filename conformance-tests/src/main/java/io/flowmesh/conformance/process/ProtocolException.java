package io.flowmesh.conformance.process;

import org.apiguardian.api.API;

/**
 * The implementation process broke the protocol, died, or answered with an error. The audit turns it
 * into an {@code ERROR} verdict carrying this message.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, one line */
    public ProtocolException(String message) {
        super(message);
    }
}
