package io.flowmesh.reference.backend.ppo;

import java.util.Objects;

/**
 * A policy a backend saved.
 *
 * @param checksum a digest of the saved weights: two saves of the same weights give the same checksum
 * @param updatesTrained how many PPO updates the saved policy went through
 */
public record SavedModel(String checksum, int updatesTrained) {

    public SavedModel {
        Objects.requireNonNull(checksum, "checksum");
        if (updatesTrained < 0) {
            throw new IllegalArgumentException("updatesTrained must be >= 0, got " + updatesTrained);
        }
    }
}
