package io.flowmesh.reference.execute.ppo;

import java.util.Objects;

/**
 * A PPO template section holds a value the executor cannot use. A user mistake, reported as one line
 * naming the key, never as a stack trace.
 */
public final class PpoConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String keyPath;

    /**
     * @param keyPath the offending key relative to the task spec, e.g. {@code training/log_with}
     * @param message one line saying what is wrong and what is accepted
     */
    public PpoConfigException(String keyPath, String message) {
        super(message);
        this.keyPath = Objects.requireNonNull(keyPath, "keyPath");
    }

    /** The offending key relative to the task spec, e.g. {@code training/log_with}. */
    public String keyPath() {
        return keyPath;
    }

    /** The key and the message on one line: {@code training/log_with: ...}. */
    public String describe() {
        return keyPath + ": " + getMessage();
    }
}
