package io.flowmesh.reference.backend.agent;

/** A {@code spec.agent.timeout} value that is not a positive integer number of seconds. */
public final class InvalidAgentTimeoutException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message that names {@link AgentTimeout#FIELD}. */
    public InvalidAgentTimeoutException(String message) {
        super(message);
    }
}
