package io.flowmesh.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.flowmesh.conformance.audit.AuditInputException;
import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.EffectTrace;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The supported PPO and vLLM fields on real engines, for implementations that declare the
 * {@value Capabilities#GPU} backend. Excluded from the default build; run with {@code mvn verify -Pgpu}.
 *
 * <p>A missing prerequisite skips a test with a message naming it, printed on the console; with
 * {@code -Dconformance.gpu.required=true} it fails instead, so a GPU runner cannot pass by skipping
 * ({@link GpuPrerequisite}, the wording every GPU suite shares).
 * The revision test needs a model store with real weights: {@value #GPU_MODEL_STORE} names it and
 * {@value #GPU_MODEL} the model in it, which must have the refs {@code main} and {@code v1}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Tag("gpu")
@DisplayName("FlowMesh conformance on GPU engines")
public class GpuConformanceTest {

    /** Set to {@code true} to fail, not skip, when a prerequisite is missing ({@link GpuPrerequisite}). */
    public static final String REQUIRED = GpuPrerequisite.REQUIRED;
    /** A model store with real (tiny) weights for the revision test. */
    public static final String GPU_MODEL_STORE = "conformance.gpu.modelStore";
    /** The model of that store, with refs {@code main} and {@code v1}. */
    public static final String GPU_MODEL = "conformance.gpu.model";

    private WorkflowImplementation implementation;

    @BeforeEach
    void prerequisites() throws AuditInputException {
        implementation = SuiteSettings.implementation();
        require(implementation.capabilities().supportsBackend(Capabilities.GPU),
                "the implementation '" + implementation.name() + "' declares no gpu backend");
        require(nvidiaGpuPresent(), "no NVIDIA GPU: 'nvidia-smi -L' is missing or lists none");
    }

    @Test
    @DisplayName("PPO early stopping on the GPU stops on the first update whose KL is strictly above target_kl")
    void ppoEarlyStoppingOnGpu() {
        // The oracle comes from an unarmed run: its KL list L, and a boundary k (a positive running
        // maximum that a later update exceeds), so a stop on KL >= target_kl, or a stop that an update-0
        // KL of 0 makes trivial, fails.
        EffectTrace unarmed = run(ppoTemplate(Optional.empty()), gpuOptions());
        assertThat(value(unarmed, "ppo.train", "updates_run")).as("without early_stopping every update runs")
                .isEqualTo(value(unarmed, "ppo.train", "updates_planned"));
        List<Double> kl = doubles(value(unarmed, "ppo.train", "kl"));
        int k = -1;
        for (int i = 1; i < kl.size() && k < 0; i++) {
            if (kl.get(i) > 0 && firstAbove(kl, kl.get(i)) > i) {
                k = i;
            }
        }
        assertThat(k).as("a KL in %s that no earlier update exceeds and a later one does", kl).isPositive();
        int expected = firstAbove(kl, kl.get(k));

        EffectTrace armed = run(ppoTemplate(Optional.of(kl.get(k))), gpuOptions());

        Object stop = value(armed, "ppo.train", "stopped_early");
        assertThat(stop).as("ppo.train/stopped_early armed at target_kl = L[%d] of %s", k, kl).isInstanceOf(Map.class);
        assertThat(((Number) ((Map<?, ?>) stop).get("update")).intValue()).as("the stopping update")
                .isEqualTo(expected);
        assertThat(doubles(value(armed, "ppo.train", "kl"))).as("KL per update until the stop, as unarmed")
                .isEqualTo(kl.subList(0, expected + 1));
        assertThat(value(armed, "ppo.train", "saved_model")).as("the final model is saved after an early stop").isNotNull();
    }

    @Test
    @DisplayName("PPO on the GPU is deterministic: the same template gives the same trace")
    void ppoOnGpuIsDeterministic() {
        EffectTrace first = run(ppoTemplate(Optional.empty()), gpuOptions());
        EffectTrace second = run(ppoTemplate(Optional.empty()), gpuOptions());
        assertThat(second.effects()).as("the effect trace of a second run").isEqualTo(first.effects());
    }

    @Test
    @DisplayName("vLLM loads the commit the revision asked for points to")
    void vllmLoadsTheRevisionAskedFor() throws IOException {
        Optional<String> store = Optional.ofNullable(System.getProperty(GPU_MODEL_STORE)).filter(s -> !s.isBlank());
        require(store.isPresent() && Files.isDirectory(Path.of(store.get())),
                "no model store with real weights: set -D" + GPU_MODEL_STORE + "=DIR (and -D" + GPU_MODEL + "=ORG/NAME)");
        String model = System.getProperty(GPU_MODEL, "flowmesh/tiny-llm");
        RunOptions options = gpuOptions().with(RunOptions.MODEL_STORE, store.get());
        // The oracle is the store the runner set up, in Hugging Face cache layout: refs/<revision> holds the commit.
        Path refs = Path.of(store.get(), "models--" + model.replace("/", "--"), "refs");
        for (String revision : List.of("v1", "main")) {
            EffectTrace trace = run(vllmTemplate(model, revision), options);
            String commit = Files.readString(refs.resolve(revision)).strip();
            assertThat(value(trace, "vllm.engine", "resolved_commit")).as("the commit vLLM loaded at %s", revision)
                    .isEqualTo(commit);
        }
        assertThat(Files.readString(refs.resolve("v1")).strip()).as("the store's v1 and main differ")
                .isNotEqualTo(Files.readString(refs.resolve("main")).strip());
    }

    private static int firstAbove(List<Double> kl, double threshold) {
        for (int i = 0; i < kl.size(); i++) {
            if (kl.get(i) > threshold) {
                return i;
            }
        }
        return -1;
    }

    private EffectTrace run(String yaml, RunOptions options) {
        RunResult result = implementation.run(yaml, options);
        if (result instanceof RunResult.Rejected rejected) {
            fail("the GPU run was refused: %s", rejected.violations());
        }
        return ((RunResult.Completed) result).trace();
    }

    private static RunOptions gpuOptions() {
        return SuiteSettings.runOptions().with(RunOptions.BACKEND, Capabilities.GPU);
    }

    private static Object value(EffectTrace trace, String channel, String key) {
        for (Effect effect : trace.effects()) {
            if (effect.channel().equals(channel) && (effect.key().equals(key) || effect.key().endsWith("/" + key))) {
                return effect.value();
            }
        }
        return fail("no %s/%s effect in the trace: %s", channel, key, trace.effects());
    }

    private static List<Double> doubles(Object value) {
        List<Double> out = new ArrayList<>();
        for (Object element : (List<?>) value) {
            out.add(((Number) element).doubleValue());
        }
        return out;
    }

    private static void require(boolean present, String missing) {
        GpuPrerequisite.require(present, missing);
    }

    private static boolean nvidiaGpuPresent() {
        try {
            Process process = new ProcessBuilder("nvidia-smi", "-L").redirectErrorStream(true).start();
            String listing = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 && listing.contains("GPU");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String ppoTemplate(Optional<Double> targetKl) {
        // Plain digits: YAML 1.1 reads an exponent without a sign (1.0E10) as a string.
        String stop = targetKl.map(t -> "target_kl: " + BigDecimal.valueOf(t).toPlainString()
                + ", early_stopping: true").orElse("early_stopping: false");
        return String.join("\n",
                "apiVersion: flowmesh/v1",
                "kind: PPOTask",
                "metadata: {name: gpu-ppo-early-stop}",
                "spec:",
                "  taskType: ppo",
                "  model: {source: {type: huggingface, identifier: HuggingFaceTB/SmolLM2-135M-Instruct, revision: main}}",
                "  resources: {hardware: {cpu: \"8\", memory: 32Gi, gpu: {type: any, count: 1}}}",
                "  training: {learning_rate: 0.00001, batch_size: 4, mini_batch_size: 2, steps: 8, ppo_epochs: 2,",
                "             kl_coef: 0.05, " + stop + ", seed: 7}",
                "  generation: {max_new_tokens: 8, temperature: 1.0}",
                "  reward_model: {identifier: lvwerra/distilbert-imdb, type: sentiment}",
                "  data: {prompts: [\"the movie was\", \"i think that\", \"this is a\", \"what a great\"]}",
                "");
    }

    private static String vllmTemplate(String model, String revision) {
        return String.join("\n",
                "apiVersion: flowmesh/v1",
                "kind: InferenceTask",
                "metadata: {name: gpu-vllm-revision}",
                "spec:",
                "  taskType: inference",
                "  model:",
                "    source: {type: huggingface, identifier: " + model + ", revision: " + revision + "}",
                "    vllm: {max_model_len: 64, enforce_eager: true, gpu_memory_utilization: 0.3}",
                "  resources: {hardware: {cpu: \"8\", memory: 32Gi, gpu: {type: any, count: 1}}}",
                "  inference: {temperature: 0.0, max_tokens: 8, seed: 1}",
                "  data: {type: list, items: [\"hello\"]}",
                "");
    }
}
