package io.flowmesh.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
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
    @DisplayName("PPO early stopping on the GPU stops on the first update whose KL exceeds target_kl")
    void ppoEarlyStoppingOnGpu() {
        EffectTrace armed = run(ppoTemplate(true), gpuOptions());
        EffectTrace unarmed = run(ppoTemplate(false), gpuOptions());

        List<Double> kl = doubles(value(armed, "ppo.train", "kl"));
        Object stop = value(armed, "ppo.train", "stopped_early");
        assertThat(stop).as("ppo.train/stopped_early with early_stopping on and target_kl 1e-6").isInstanceOf(Map.class);
        Map<?, ?> at = (Map<?, ?>) stop;
        int update = ((Number) at.get("update")).intValue();
        assertThat(((Number) at.get("kl")).doubleValue()).as("the KL that stopped training").isGreaterThan(1e-6);
        assertThat(kl).as("KL per update: training stops on the stopping update").hasSize(update + 1);
        assertThat(((Number) value(armed, "ppo.train", "updates_run")).longValue())
                .as("updates run when stopped early").isLessThan(((Number) value(armed, "ppo.train", "updates_planned")).longValue());
        assertThat(value(armed, "ppo.train", "saved_model")).as("the final model is saved after an early stop").isNotNull();
        assertThat(value(unarmed, "ppo.train", "updates_run")).as("without early_stopping every update runs")
                .isEqualTo(value(unarmed, "ppo.train", "updates_planned"));
    }

    @Test
    @DisplayName("vLLM loads the revision asked for, and tokenizer_revision defaults to it")
    void vllmLoadsTheRevisionAskedFor() {
        Optional<String> store = Optional.ofNullable(System.getProperty(GPU_MODEL_STORE)).filter(s -> !s.isBlank());
        require(store.isPresent() && Files.isDirectory(Path.of(store.get())),
                "no model store with real weights: set -D" + GPU_MODEL_STORE + "=DIR (and -D" + GPU_MODEL + "=ORG/NAME)");
        String model = System.getProperty(GPU_MODEL, "flowmesh/tiny-llm");
        RunOptions options = gpuOptions().with(RunOptions.MODEL_STORE, store.get());
        EffectTrace v1 = run(vllmTemplate(model, "v1"), options);
        EffectTrace main = run(vllmTemplate(model, "main"), options);

        assertThat(value(v1, "vllm.engine", "revision")).as("revision handed to vLLM").isEqualTo("v1");
        assertThat(value(v1, "vllm.engine", "tokenizer_revision")).as("tokenizer_revision defaults to the revision")
                .isEqualTo("v1");
        assertThat(value(v1, "vllm.engine", "resolved_commit")).as("v1 and main load different commits")
                .isNotEqualTo(value(main, "vllm.engine", "resolved_commit"));
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

    private static String ppoTemplate(boolean earlyStopping) {
        return String.join("\n",
                "apiVersion: flowmesh/v1",
                "kind: PPOTask",
                "metadata: {name: gpu-ppo-early-stop}",
                "spec:",
                "  taskType: ppo",
                "  model: {source: {type: huggingface, identifier: HuggingFaceTB/SmolLM2-135M-Instruct, revision: main}}",
                "  resources: {hardware: {cpu: \"8\", memory: 32Gi, gpu: {type: any, count: 1}}}",
                "  training: {learning_rate: 0.00001, batch_size: 4, mini_batch_size: 2, steps: 8, ppo_epochs: 2,",
                "             kl_coef: 0.05, target_kl: 0.000001, early_stopping: " + earlyStopping + ", seed: 7}",
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
