package io.flowmesh.reference.backend.ppo;

import java.util.List;
import java.util.Objects;

/**
 * Everything a backend needs for one PPO run, in TRL 0.23 terms.
 *
 * @param policyIdentifier the policy model, which the reference copies and the tokenizer comes from
 * @param policyRevision the policy's revision, {@code null} for the hub default
 * @param seed the seed of every random choice of the run
 * @param learningRate the optimiser's learning rate
 * @param rolloutBatchSize the rollouts sampled per update (TRL's {@code local_batch_size})
 * @param miniBatches the minibatches each rollout batch is split into per epoch ({@code num_mini_batches})
 * @param ppoEpochs the passes over the rollout batch per update ({@code num_ppo_epochs})
 * @param klCoef the per-token KL penalty coefficient ({@code kl_coef})
 * @param responseLength the tokens generated per rollout ({@code response_length})
 * @param temperature the sampling temperature
 * @param updates the PPO updates the run plans ({@code num_total_batches})
 * @param prompts the prompts rollouts start from, cycled in order
 */
public record PpoSetup(String policyIdentifier, String policyRevision, long seed, double learningRate,
        int rolloutBatchSize, int miniBatches, int ppoEpochs, double klCoef, int responseLength,
        double temperature, int updates, List<String> prompts) {

    public PpoSetup {
        Objects.requireNonNull(policyIdentifier, "policyIdentifier");
        prompts = List.copyOf(prompts);
        requirePositive("rolloutBatchSize", rolloutBatchSize);
        requirePositive("miniBatches", miniBatches);
        requirePositive("ppoEpochs", ppoEpochs);
        requirePositive("responseLength", responseLength);
        requirePositive("updates", updates);
        if (rolloutBatchSize % miniBatches != 0) {
            throw new IllegalArgumentException("rolloutBatchSize " + rolloutBatchSize
                    + " is not a multiple of miniBatches " + miniBatches);
        }
        if (!(learningRate > 0) || !(temperature > 0) || !(klCoef >= 0)) {
            throw new IllegalArgumentException("learningRate and temperature must be > 0 and klCoef >= 0");
        }
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("at least one prompt is needed");
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    /** The rollouts in one minibatch. */
    public int miniBatchSize() {
        return rolloutBatchSize / miniBatches;
    }
}
