package io.flowmesh.reference.backend.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flowmesh.reference.backend.ppo.CpuPpoBackend;
import io.flowmesh.reference.execute.ppo.PpoConfigException;
import io.flowmesh.reference.execute.ppo.PpoOutcome;
import io.flowmesh.reference.execute.ppo.PpoPlan;
import io.flowmesh.reference.execute.ppo.PpoTraining;

/**
 * Best effort: TRL's PPOTrainer stepped update by update on a generated tiny model. TRL is optional on
 * GPU runners, so its absence skips this test even when GPU prerequisites are required.
 */
@Tag("gpu")
class TrlPpoGpuTest {

    @Test
    void trlPpoTrainerRunsUpdateByUpdateAndStopsWhenJavaSaysSo(@TempDir Path cache) throws PpoConfigException {
        GpuPrerequisites.requireGpu("transformers");
        try (PythonBridge bridge = PythonBridge.start(BridgeLaunch.defaults().withPython(GpuPrerequisites.python()))) {
            Assumptions.assumeTrue(bridge.hasModule("trl") && bridge.hasModule("datasets"),
                    "optional Python modules trl and datasets are not installed");
            Map<String, Object> model = bridge.call("tiny_model.generate",
                    Map.of("hub_cache", cache.toString(), "weights", "torch"));
            @SuppressWarnings("unchecked")
            String commit = (String) ((Map<String, Object>) model.get("revisions")).get("main");
            Path snapshot = Path.of((String) model.get("repo_dir"), "snapshots", commit);
            BridgePpoBackend backend = new BridgePpoBackend(bridge,
                    new BridgePpoOptions("trl", "auto", CpuPpoBackend.DEFAULT_LEARNING_RATE_SCALE, Optional.of(snapshot)));
            PpoPlan plan = BridgePpoBackendTest.plan(Map.of("steps", 3, "early_stopping", true, "target_kl", 1000.0));

            PpoOutcome outcome = new PpoTraining(backend).run(plan);

            assertThat(outcome.updatesRun()).as("updates stepped through TRL").isEqualTo(3);
            assertThat(outcome.updates()).allSatisfy(u -> assertThat(u.kl()).isFinite());
            assertThat(outcome.savedModel()).isPresent();
            assertThat(outcome.setup().ppoConfig()).as("PPOConfig kwargs TRL received")
                    .isEqualTo(plan.trlConfig()).containsEntry("report_to", "none");
            assertThat(outcome.setup().updatesPlanned()).as("TRL's num_total_batches").isEqualTo(3);
        }
    }
}
