package io.flowmesh.reference.backend.ppo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a backend reports its trainer was set up with: the evidence FlowMesh records, rather than
 * what it meant to hand over.
 *
 * @param ppoConfig the {@code PPOConfig} keyword arguments as the trainer received them, in order
 * @param prompts the prompt batch as the tokenizer padded it
 * @param updatesPlanned the PPO updates the trainer plans ({@code num_total_batches})
 */
public record TrainerSetup(Map<String, Object> ppoConfig, TokenizedPrompts prompts, int updatesPlanned) {

    public TrainerSetup {
        ppoConfig = Collections.unmodifiableMap(new LinkedHashMap<>(ppoConfig));
        Objects.requireNonNull(prompts, "prompts");
        if (updatesPlanned < 1) {
            throw new IllegalArgumentException("updatesPlanned must be >= 1, got " + updatesPlanned);
        }
    }
}
