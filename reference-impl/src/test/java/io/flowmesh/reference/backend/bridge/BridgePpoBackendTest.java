package io.flowmesh.reference.backend.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.flowmesh.reference.backend.ppo.PpoBackendException;
import io.flowmesh.reference.backend.ppo.UpdateMetrics;
import io.flowmesh.reference.execute.ppo.EarlyStop;
import io.flowmesh.reference.execute.ppo.PpoConfigException;
import io.flowmesh.reference.execute.ppo.PpoOutcome;
import io.flowmesh.reference.execute.ppo.PpoPlan;
import io.flowmesh.reference.execute.ppo.PpoTraining;

/** PPO in the pure-Python engine through the real bridge process; the stop is decided in Java. */
class BridgePpoBackendTest {

    private static PythonBridge bridge;

    @BeforeAll
    static void startBridge() {
        GpuPrerequisites.assumePython();
        bridge = PythonBridge.start(GpuPrerequisites.launch(GpuPrerequisites.python()));
    }

    @AfterAll
    static void stopBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    /** A small PPO task: 8 rollouts of 8 tokens per update, 2 minibatches, 2 epochs, 16 updates. */
    static PpoPlan plan(Map<String, Object> overrides) throws PpoConfigException {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("learning_rate", 2e-5);
        training.put("batch_size", 8);
        training.put("mini_batch_size", 4);
        training.put("steps", 16);
        training.put("ppo_epochs", 2);
        training.put("kl_coef", 0.05);
        training.put("seed", 7);
        training.putAll(overrides);
        return PpoPlan.from(training, Map.of("max_new_tokens", 8, "temperature", 0.9), Map.of("type", "sentiment"),
                "tiny/policy", "main", List.of("The movie was", "I think the food", "Today feels"));
    }

    private static PpoOutcome run(PpoPlan plan) {
        return new PpoTraining(new BridgePpoBackend(bridge, BridgePpoOptions.of("pure", "cpu"))).run(plan);
    }

    @Test
    void javaControllerStopsThePythonRunEarlyAndReproducibly() throws PpoConfigException {
        PpoPlan plan = plan(Map.of("early_stopping", true, "target_kl", 1.0));
        PpoOutcome first = run(plan);
        PpoOutcome second = run(plan);

        EarlyStop stop = first.earlyStop().orElseThrow(() -> new AssertionError("no early stop at target_kl 1.0"));
        assertThat(second.earlyStop()).as("same seed, same stop").contains(stop);
        assertThat(stop.kl()).as("KL of the stopping update").isGreaterThan(1.0);
        assertThat(first.updates().subList(0, stop.update())).as("updates before the stop")
                .allSatisfy(u -> assertThat(u.kl()).isLessThanOrEqualTo(1.0));
        assertThat(first.updatesRun()).isEqualTo(stop.update() + 1).isLessThan(16);
        assertThat(first.updates()).extracting(UpdateMetrics::update).as("update indices from Python")
                .startsWith(0, 1, 2);
        assertThat(first.savedModel()).as("final model after the early stop").isPresent();
        assertThat(first.savedModel().orElseThrow().updatesTrained()).isEqualTo(first.updatesRun());
        assertThat(second.savedModel()).isEqualTo(first.savedModel());
    }

    @Test
    void highTargetKlRunsEveryUpdate() throws PpoConfigException {
        PpoOutcome outcome = run(plan(Map.of("early_stopping", true, "target_kl", 1000.0)));
        assertThat(outcome.earlyStop()).isEmpty();
        assertThat(outcome.updatesRun()).isEqualTo(16);
        assertThat(outcome.updates().get(0).kl()).as("KL before any training").isZero();
    }

    @Test
    void thePythonEngineReportsTheKwargsItReceivedAndThePromptsItsTokenizerPadded() throws PpoConfigException {
        PpoPlan plan = plan(Map.of("log_with", List.of("wandb", "tensorboard"), "tracker_project_name", "demo",
                "padding_side", "left"));

        try (BridgePpoSession session = new BridgePpoBackend(bridge, BridgePpoOptions.of("pure", "cpu"))
                .open(plan.setup())) {
            assertThat(session.trainerSetup().ppoConfig()).as("PPOConfig kwargs as the Python trainer received them")
                    .containsEntry("report_to", List.of("wandb", "tensorboard")).containsEntry("project", "demo")
                    .containsEntry("kl_coef", 0.05);
            assertThat(session.trainerSetup().prompts().paddingSide()).as("padding side").isEqualTo("left");
            // The prompts hold 3, 4 and 2 words.
            assertThat(session.trainerSetup().prompts().attentionMask()).as("attention mask").containsExactly(
                    List.of(0L, 1L, 1L, 1L), List.of(1L, 1L, 1L, 1L), List.of(0L, 0L, 1L, 1L));
            assertThat(session.trainerSetup().updatesPlanned()).as("updates planned").isEqualTo(16);
        }
    }

    @Test
    void anEngineThatIsNotInstalledFailsWithItsName() throws PpoConfigException {
        Assumptions.assumeFalse(bridge.hasModule("torch"), "torch is installed here");
        BridgePpoBackend torch = new BridgePpoBackend(bridge, BridgePpoOptions.of("torch", "auto"));
        PpoBackendException e = catchThrowableOfType(PpoBackendException.class,
                () -> torch.open(plan(Map.of()).setup()));
        assertThat(e.getMessage()).contains("module_missing").contains("'torch'");
    }
}
