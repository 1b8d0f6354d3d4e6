package io.flowmesh.reference.backend.ppo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a backend is handed for one PPO run: the models, the TRL 0.23 {@code PPOConfig} keyword
 * arguments, the tokenizer keyword arguments and the prompts. The backend derives everything else
 * (rollout batch, minibatches, number of updates) from the config as TRL's trainer does, and reports
 * back what it received ({@link PpoSession#trainerSetup()}).
 *
 * @param policyIdentifier the policy model, which the reference copies and the tokenizer comes from
 * @param policyRevision the policy's revision, {@code null} for the hub default
 * @param ppoConfig the {@code PPOConfig} keyword arguments, in order; a key absent is not passed
 * @param tokenizerKwargs the tokenizer keyword arguments ({@code padding_side}), in order
 * @param prompts the prompts of the training dataset, in order
 */
public record PpoSetup(String policyIdentifier, String policyRevision, Map<String, Object> ppoConfig,
        Map<String, Object> tokenizerKwargs, List<String> prompts) {

    public PpoSetup {
        Objects.requireNonNull(policyIdentifier, "policyIdentifier");
        ppoConfig = Collections.unmodifiableMap(new LinkedHashMap<>(ppoConfig));
        tokenizerKwargs = Collections.unmodifiableMap(new LinkedHashMap<>(tokenizerKwargs));
        prompts = List.copyOf(prompts);
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("at least one prompt is needed");
        }
    }
}
