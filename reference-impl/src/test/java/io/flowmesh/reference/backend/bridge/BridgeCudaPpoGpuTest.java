package io.flowmesh.reference.backend.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.flowmesh.reference.backend.ppo.UpdateMetrics;
import io.flowmesh.reference.execute.ppo.EarlyStop;
import io.flowmesh.reference.execute.ppo.PpoConfigException;
import io.flowmesh.reference.execute.ppo.PpoOutcome;
import io.flowmesh.reference.execute.ppo.PpoPlan;
import io.flowmesh.reference.execute.ppo.PpoTraining;

/** PPO on CUDA with torch through the bridge; the Java controller stops it on streamed KL. */
@Tag("gpu")
class BridgeCudaPpoGpuTest {

    @Test
    void torchEngineRunsOnCudaAndJavaStopsItOnKl() throws PpoConfigException {
        GpuPrerequisites.requireGpu();
        try (PythonBridge bridge = PythonBridge.start(BridgeLaunch.defaults().withPython(GpuPrerequisites.python()))) {
            BridgePpoBackend backend = new BridgePpoBackend(bridge, BridgePpoOptions.of("torch", "cuda"));
            PpoPlan plan = BridgePpoBackendTest.plan(Map.of("early_stopping", true, "target_kl", 0.05));

            try (BridgePpoSession session = backend.open(plan.setup())) {
                assertThat(session.engine()).as("engine").isEqualTo("torch");
                assertThat(session.device()).as("device").isEqualTo("cuda");
            }

            PpoOutcome outcome = new PpoTraining(backend).run(plan);
            EarlyStop stop = outcome.earlyStop()
                    .orElseThrow(() -> new AssertionError("no early stop at target_kl 0.05: " + outcome.updates()));
            assertThat(stop.kl()).as("KL of the stopping update").isGreaterThan(0.05);
            assertThat(outcome.updates().subList(0, stop.update())).as("updates before the stop")
                    .allSatisfy(u -> assertThat(u.kl()).isLessThanOrEqualTo(0.05));
            assertThat(outcome.updates()).allSatisfy(u -> assertThat(u.entropy()).isPositive());
            assertThat(outcome.updates()).extracting(UpdateMetrics::kl).allSatisfy(kl -> assertThat(kl).isNotNaN());
            assertThat(outcome.savedModel()).as("final model after the early stop").isPresent();
            assertThat(outcome.savedModel().orElseThrow().updatesTrained()).isEqualTo(outcome.updatesRun());
        }
    }
}
