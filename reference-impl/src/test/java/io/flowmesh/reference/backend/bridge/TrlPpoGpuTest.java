package io.flowmesh.reference.backend.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flowmesh.reference.backend.ppo.CpuPpoBackend;
import io.flowmesh.reference.backend.ppo.PpoBackendException;
import io.flowmesh.reference.backend.ppo.UpdateMetrics;
import io.flowmesh.reference.execute.ppo.EarlyStop;
import io.flowmesh.reference.execute.ppo.PpoConfigException;
import io.flowmesh.reference.execute.ppo.PpoOutcome;
import io.flowmesh.reference.execute.ppo.PpoPlan;
import io.flowmesh.reference.execute.ppo.PpoTraining;

/**
 * Best effort: TRL 0.23's PPOTrainer stepped update by update on a generated tiny model, stopped by
 * the Java controller at a boundary taken from an unarmed TRL run, so the stop is what is tested. TRL is
 * optional on GPU runners, so its absence skips this test even when GPU prerequisites are required.
 */
@Tag("gpu")
class TrlPpoGpuTest {

    private static final List<String> PROMPTS = List.of("the movie was", "i think that", "this is a", "what a great",
            "the food tasted", "we walked to", "she said that", "it rained all");

    private static PpoPlan plan(Map<String, Object> overrides, List<String> prompts) throws PpoConfigException {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("learning_rate", 3e-4);
        training.put("batch_size", 8);
        training.put("mini_batch_size", 4);
        training.put("steps", 8);
        training.put("ppo_epochs", 2);
        training.put("kl_coef", 0.05);
        training.put("seed", 7);
        training.putAll(overrides);
        return PpoPlan.from(training, Map.of("max_new_tokens", 8, "temperature", 1.0), Map.of("type", "sentiment"),
                "tiny/policy", "main", prompts);
    }

    @Test
    void trlPpoTrainerRunsUpdateByUpdateAndStopsWhenJavaSaysSo(@TempDir Path cache) throws PpoConfigException {
        GpuPrerequisites.requireGpu("transformers");
        try (PythonBridge bridge = PythonBridge.start(GpuPrerequisites.launch(GpuPrerequisites.python()))) {
            Assumptions.assumeTrue(bridge.hasModule("trl") && bridge.hasModule("datasets"),
                    "optional Python modules trl and datasets are not installed");
            PpoTraining training = new PpoTraining(trl(bridge, cache));

            PpoPlan unarmedPlan = plan(Map.of(), PROMPTS);
            PpoOutcome unarmed = training.run(unarmedPlan);
            assertThat(unarmed.setup().updatesPlanned()).as("TRL's num_total_batches: ceil(8 x 8 / 8)").isEqualTo(8);
            assertThat(unarmed.updatesRun()).as("updates stepped through TRL").isEqualTo(8);
            assertThat(unarmed.setup().ppoConfig()).as("PPOConfig kwargs TRL received").isEqualTo(unarmedPlan.trlConfig())
                    .containsEntry("report_to", "none").containsEntry("total_episodes", 64);
            List<Double> kl = unarmed.updates().stream().map(UpdateMetrics::kl).collect(Collectors.toList());
            int k = TorchCpuPpoTest.boundary(kl);
            int expected = TorchCpuPpoTest.firstAbove(kl, kl.get(k));

            PpoOutcome armed = training.run(plan(Map.of("early_stopping", true, "target_kl", kl.get(k)), PROMPTS));

            EarlyStop stop = armed.earlyStop().orElseThrow(() -> new AssertionError("Java never stopped TRL: " + kl));
            assertThat(stop.update()).as("the update at which Java stopped TRL, target_kl = L[%d] of %s", k, kl)
                    .isEqualTo(expected);
            assertThat(armed.updatesRun()).isEqualTo(expected + 1).isLessThan(8);
            assertThat(armed.savedModel()).as("final model saved after the stop").isPresent();
        }
    }

    @Test
    void fewerPromptsThanOneBatchAreRefusedInsteadOfSpinning(@TempDir Path cache) throws PpoConfigException {
        GpuPrerequisites.requireGpu("transformers");
        try (PythonBridge bridge = PythonBridge.start(GpuPrerequisites.launch(GpuPrerequisites.python()))) {
            Assumptions.assumeTrue(bridge.hasModule("trl") && bridge.hasModule("datasets"),
                    "optional Python modules trl and datasets are not installed");
            BridgePpoBackend backend = trl(bridge, cache);
            Instant start = Instant.now();
            PpoBackendException e = catchThrowableOfType(PpoBackendException.class,
                    () -> new PpoTraining(backend).run(plan(Map.of(), new ArrayList<>(PROMPTS.subList(0, 3)))));
            assertThat(e).as("3 prompts, batch 8").isNotNull();
            assertThat(e.getMessage()).contains("local_batch_size").contains("data/prompts").contains("training/batch_size");
            assertThat(Duration.between(start, Instant.now())).as("refused, not timed out").isLessThan(Duration.ofSeconds(90));
        }
    }

    private static BridgePpoBackend trl(PythonBridge bridge, Path cache) {
        Map<String, Object> model = bridge.call("tiny_model.generate", Map.of("hub_cache", cache.toString(), "weights",
                "torch"));
        @SuppressWarnings("unchecked")
        String commit = (String) ((Map<String, Object>) model.get("revisions")).get("main");
        Path snapshot = Path.of((String) model.get("repo_dir"), "snapshots", commit);
        return new BridgePpoBackend(bridge, new BridgePpoOptions("trl", "auto", CpuPpoBackend.DEFAULT_LEARNING_RATE_SCALE,
                Optional.of(snapshot)));
    }
}
