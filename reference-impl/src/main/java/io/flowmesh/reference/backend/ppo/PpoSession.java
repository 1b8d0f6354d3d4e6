package io.flowmesh.reference.backend.ppo;

/**
 * One PPO run in progress. Each {@link #update()} is one TRL-style PPO update: a rollout batch sampled
 * from the current policy, scored, then optimised for the configured epochs over minibatches.
 */
public interface PpoSession extends AutoCloseable {

    /**
     * What the trainer was set up with: the {@code PPOConfig} kwargs it received, the prompts as its
     * tokenizer padded them, and the updates it plans. FlowMesh records this, not what it handed over.
     */
    TrainerSetup trainerSetup();

    /**
     * Runs one rollout and optimisation update.
     *
     * @return the metrics of that update, its index counting from 0
     * @throws PpoBackendException when the backend fails
     */
    UpdateMetrics update();

    /**
     * Saves the current policy.
     *
     * @return what was saved
     * @throws PpoBackendException when the backend fails
     */
    SavedModel save();

    /** Releases the run's resources; never throws for a session that is already closed. */
    @Override
    void close();
}
