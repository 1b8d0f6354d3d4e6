package io.flowmesh.reference.execute.ppo;

import java.util.Objects;

/**
 * A PPO key that is accepted but does less than its name suggests.
 *
 * @param keyPath the key relative to the task spec, e.g. {@code training/target_kl}
 * @param message one line saying what happens to it
 */
public record PpoWarning(String keyPath, String message) {

    public PpoWarning {
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(message, "message");
    }
}
