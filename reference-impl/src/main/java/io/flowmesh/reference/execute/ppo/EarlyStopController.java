package io.flowmesh.reference.execute.ppo;

import java.util.Objects;
import java.util.Optional;

import io.flowmesh.reference.backend.ppo.UpdateMetrics;

/**
 * FlowMesh's early-stop decision, the same for every backend: fed each update's metrics in order, it
 * says stop the first time an update's KL is strictly greater than {@code target_kl}, provided early
 * stopping is enabled. TRL's own loop never checks {@code should_training_stop}, so the decision has to
 * live in the code that drives the updates.
 */
public final class EarlyStopController {

    private final EarlyStopSettings settings;
    private EarlyStop decision;

    /** @param settings the run's early-stop settings */
    public EarlyStopController(EarlyStopSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Observes one update.
     *
     * @param metrics the metrics of the update just run
     * @return the stop, when this update triggers it; empty to continue
     * @throws IllegalStateException when called after a stop was decided
     */
    public Optional<EarlyStop> observe(UpdateMetrics metrics) {
        if (decision != null) {
            throw new IllegalStateException("the run was already stopped after update " + decision.update());
        }
        if (settings.enabled() && metrics.kl() > settings.targetKl().getAsDouble()) {
            decision = new EarlyStop(metrics.update(), metrics.kl(), settings.targetKl().getAsDouble());
        }
        return Optional.ofNullable(decision);
    }

    /** The stop decided so far, if any. */
    public Optional<EarlyStop> decision() {
        return Optional.ofNullable(decision);
    }
}
