package io.flowmesh.reference.execute.ppo;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.flowmesh.reference.backend.ppo.SavedModel;
import io.flowmesh.reference.backend.ppo.TrainerSetup;
import io.flowmesh.reference.backend.ppo.UpdateMetrics;

/**
 * What a PPO run did.
 *
 * @param setup what the backend reports its trainer was set up with, the updates it plans included
 * @param updatesRun the updates that ran (fewer than planned after an early stop)
 * @param updates each update's metrics, in order
 * @param earlyStop the early stop, when one happened
 * @param savedModel the final model; present unless {@code training/save_model} is false, also after
 *     an early stop
 */
public record PpoOutcome(TrainerSetup setup, int updatesRun, List<UpdateMetrics> updates,
        Optional<EarlyStop> earlyStop, Optional<SavedModel> savedModel) {

    public PpoOutcome {
        Objects.requireNonNull(setup, "setup");
        updates = List.copyOf(updates);
        Objects.requireNonNull(earlyStop, "earlyStop");
        Objects.requireNonNull(savedModel, "savedModel");
        if (updatesRun != updates.size() || updatesRun > setup.updatesPlanned()) {
            throw new IllegalArgumentException("updatesRun " + updatesRun + " must equal the metrics recorded ("
                    + updates.size() + ") and not exceed the updates planned, " + setup.updatesPlanned());
        }
    }

    /** The updates the trainer planned. */
    public int updatesPlanned() {
        return setup.updatesPlanned();
    }
}
