package io.flowmesh.reference.backend.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.flowmesh.reference.backend.ppo.UpdateMetrics;
import io.flowmesh.reference.execute.ppo.EarlyStop;
import io.flowmesh.reference.execute.ppo.PpoConfigException;
import io.flowmesh.reference.execute.ppo.PpoOutcome;
import io.flowmesh.reference.execute.ppo.PpoPlan;
import io.flowmesh.reference.execute.ppo.PpoTraining;

/**
 * PPO on CUDA with torch through the bridge: the Java controller stops it on streamed KL at a boundary
 * taken from an unarmed run (so neither a {@code >=} rule nor update 0's KL of 0 can pass), and a rerun
 * gives the same metrics to the last bit (deterministic kernels, {@code CUBLAS_WORKSPACE_CONFIG} from
 * the launch environment).
 */
@Tag("gpu")
class BridgeCudaPpoGpuTest {

    @Test
    void torchEngineRunsOnCudaAndJavaStopsItOnKl() throws PpoConfigException {
        GpuPrerequisites.requireGpu();
        try (PythonBridge bridge = PythonBridge.start(GpuPrerequisites.launch(GpuPrerequisites.python()))) {
            BridgePpoBackend backend = new BridgePpoBackend(bridge, BridgePpoOptions.of("torch", "cuda"));
            try (BridgePpoSession session = backend.open(BridgePpoBackendTest.plan(Map.of()).setup())) {
                assertThat(session.engine()).as("engine").isEqualTo("torch");
                assertThat(session.device()).as("device").isEqualTo("cuda");
            }
            PpoTraining training = new PpoTraining(backend);
            PpoOutcome unarmed = training.run(BridgePpoBackendTest.plan(Map.of()));
            List<Double> kl = unarmed.updates().stream().map(UpdateMetrics::kl).collect(Collectors.toList());
            int k = TorchCpuPpoTest.boundary(kl);
            int expected = TorchCpuPpoTest.firstAbove(kl, kl.get(k));

            PpoPlan armedPlan = BridgePpoBackendTest.plan(Map.of("early_stopping", true, "target_kl", kl.get(k)));
            PpoOutcome armed = training.run(armedPlan);

            EarlyStop stop = armed.earlyStop().orElseThrow(() -> new AssertionError("no early stop at L[" + k + "]: " + kl));
            assertThat(stop.update()).as("stop for target_kl = L[%d] of %s", k, kl).isEqualTo(expected).isGreaterThan(k);
            assertThat(armed.updates()).as("the same updates until the stop").isEqualTo(unarmed.updates().subList(0,
                    expected + 1));
            assertThat(armed.savedModel()).as("final model after the early stop").isPresent();
            assertThat(armed.savedModel().orElseThrow().updatesTrained()).isEqualTo(expected + 1);

            PpoOutcome again = training.run(BridgePpoBackendTest.plan(Map.of()));
            assertThat(TorchCpuPpoTest.bits(again.updates())).as("a rerun on CUDA, bit for bit")
                    .isEqualTo(TorchCpuPpoTest.bits(unarmed.updates()));
            assertThat(again.savedModel()).isEqualTo(unarmed.savedModel());
        }
    }
}
