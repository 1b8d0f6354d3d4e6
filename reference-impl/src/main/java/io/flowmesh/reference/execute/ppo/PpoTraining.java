package io.flowmesh.reference.execute.ppo;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.flowmesh.reference.backend.ppo.PpoBackend;
import io.flowmesh.reference.backend.ppo.PpoSession;
import io.flowmesh.reference.backend.ppo.SavedModel;
import io.flowmesh.reference.backend.ppo.TrainerSetup;
import io.flowmesh.reference.backend.ppo.UpdateMetrics;

/**
 * Runs a {@link PpoPlan} on a backend: one update at a time up to the number the trainer plans, each
 * update's metrics fed to an {@link EarlyStopController}, then the final model saved, also after an
 * early stop.
 */
public final class PpoTraining {

    private static final Logger LOG = System.getLogger(PpoTraining.class.getName());

    private final PpoBackend backend;

    /** @param backend where the updates run */
    public PpoTraining(PpoBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /**
     * Runs the plan to completion or to its early stop.
     *
     * @param plan the validated plan
     * @return the updates run, the early stop if any and the saved model
     * @throws io.flowmesh.reference.backend.ppo.PpoBackendException when the backend fails
     */
    public PpoOutcome run(PpoPlan plan) {
        EarlyStopController controller = new EarlyStopController(plan.earlyStop());
        try (PpoSession session = backend.open(plan.setup())) {
            TrainerSetup setup = session.trainerSetup();
            int planned = setup.updatesPlanned();
            List<UpdateMetrics> updates = new ArrayList<>(planned);
            for (int i = 0; i < planned; i++) {
                UpdateMetrics metrics = session.update();
                updates.add(metrics);
                Optional<EarlyStop> stop = controller.observe(metrics);
                if (stop.isPresent()) {
                    LOG.log(Level.INFO, stop.get().message());
                    break;
                }
            }
            Optional<SavedModel> saved = plan.saveFinalModel() ? Optional.of(session.save()) : Optional.empty();
            return new PpoOutcome(setup, updates.size(), updates, controller.decision(), saved);
        }
    }
}
