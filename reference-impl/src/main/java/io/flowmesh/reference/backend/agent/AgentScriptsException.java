package io.flowmesh.reference.backend.agent;

/**
 * An agent scripts file that cannot be read or does not have the documented shape. The message is one
 * line naming the file and, where it can, the entry at fault.
 */
public final class AgentScriptsException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line, user-facing message. */
    public AgentScriptsException(String message) {
        super(message);
    }
}
