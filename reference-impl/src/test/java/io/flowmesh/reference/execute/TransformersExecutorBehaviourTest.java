package io.flowmesh.reference.execute;

import static io.flowmesh.reference.execute.TemplateRuns.completed;
import static io.flowmesh.reference.execute.TemplateRuns.onlyViolation;
import static io.flowmesh.reference.execute.TemplateRuns.rejected;
import static io.flowmesh.reference.execute.TemplateRuns.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.flowmesh.conformance.spi.RunResult;

/**
 * The transformers executor reads what upstream's {@code HFTransformersExecutor} reads: the
 * {@code from_pretrained} kwargs from {@code model.transformers} and a {@code GenerationConfig} from
 * {@code inference}, with upstream's defaults, and the CPU model really generates with it.
 */
class TransformersExecutorBehaviourTest {

    /** A CPU inference task; {@code %s} are the model.transformers and inference lines. */
    private static final String TASK = """
            apiVersion: flowmesh/v1
            kind: InferenceTask
            metadata: {name: tf}
            spec:
              taskType: inference
              enforce_cpu: true
              model:
                source: {type: huggingface, identifier: openai-community/gpt2, revision: main}
            %s
              inference:
            %s
              data:
                type: list
                items: ["Once upon a time", "In a data centre"]
            """;

    private static Map<?, ?> generationConfig(RunResult.Completed run) {
        return (Map<?, ?>) value(run, "transformers.generate", "task/generation_config");
    }

    private static List<?> items(RunResult.Completed run) {
        return (List<?>) value(run, "transformers.output", "task/items");
    }

    @Nested
    class LoadKwargs {

        @Test
        void upstreamDefaultsReachFromPretrained() {
            RunResult.Completed run = completed(TASK.formatted("", "    temperature: 0.5"));

            assertThat(value(run, "transformers.load", "task/from_pretrained")).isEqualTo(Map.of(
                    "trust_remote_code", false, "low_cpu_mem_usage", true, "revision", "main", "dtype", "auto"));
            assertThat(value(run, "transformers.load", "task/device")).isEqualTo("cpu");
        }

        @Test
        void dtypeAliasesNameTheTorchDtypeAndAccelerateMapsPlaceTheModel() {
            RunResult.Completed run = completed(TASK.formatted(
                    "    transformers: {dtype: bf16, device_map: balanced, load_in_4bit: true}", "    top_k: 5"));

            Map<?, ?> kwargs = (Map<?, ?>) value(run, "transformers.load", "task/from_pretrained");
            assertThat(kwargs.get("dtype")).isEqualTo("bfloat16");
            assertThat(kwargs.get("device_map")).isEqualTo("auto");
            assertThat(kwargs.get("load_in_4bit")).isEqualTo(true);
        }

        @Test
        void anUnknownDtypeIsRefusedAtTheField() {
            RunResult.Rejected run = rejected(TASK.formatted("    transformers: {dtype: int4}", "    top_k: 5"));

            assertThat(onlyViolation(run).pointer()).isEqualTo("/spec/model/transformers/dtype");
            assertThat(onlyViolation(run).message()).isEqualTo("Unsupported dtype: int4");
        }

        @Test
        void cudaWithoutAGpuIsRefused() {
            RunResult.Rejected run = rejected(TASK.formatted("    transformers: {device_map: cuda}", "    top_k: 5"));

            assertThat(onlyViolation(run).message()).isEqualTo("Requested CUDA but no GPU is available.");
        }

        @Test
        void theTransformersRevisionIsUsedWhenTheSourceHasNone() {
            String pinned = TASK.replace(", revision: main}", "}").formatted(
                    "    transformers: {revision: v1.0}", "    top_k: 5");
            String unpinned = TASK.replace(", revision: main}", "}").formatted("", "    top_k: 5");

            Object pinnedCommit = value(completed(pinned), "transformers.load", "task/resolved_commit");
            Object mainCommit = value(completed(unpinned), "transformers.load", "task/resolved_commit");

            assertThat(pinnedCommit).isEqualTo(readRef("v1.0"));
            assertThat(mainCommit).isEqualTo(readRef("main")).isNotEqualTo(pinnedCommit);
        }

        private String readRef(String ref) {
            try {
                return java.nio.file.Files.readString(TemplateRuns.fixtureStore()
                        .resolve("models--openai-community--gpt2/refs/" + ref)).strip();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Nested
    class GenerationConfigKwargs {

        @Test
        void upstreamDefaultsAreHandedOverAndSamplingIsInferred() {
            RunResult.Completed run = completed(TASK.formatted("", "    stop: []"));

            Map<String, Object> config = map(generationConfig(run));
            assertThat(config.get("max_new_tokens")).isEqualTo(512L);
            assertThat(config.get("temperature")).isEqualTo(0.7);
            assertThat(config.get("top_p")).isEqualTo(0.95);
            assertThat(config.get("top_k")).isEqualTo(50L);
            assertThat(config.get("do_sample")).isEqualTo(true);
            assertThat(config.get("repetition_penalty")).isEqualTo(1.0);
            assertThat(config).doesNotContainKeys("min_new_tokens", "min_p", "num_beams", "no_repeat_ngram_size");
        }

        @Test
        void maxNewTokensTakesPrecedenceOverMaxTokens() {
            RunResult.Completed run = completed(TASK.formatted("", "    max_tokens: 9\n    max_new_tokens: 3"));

            assertThat(generationConfig(run).get("max_new_tokens")).isEqualTo(3L);
        }

        @Test
        void optionalKeysArePassedOnlyWhenWritten() {
            RunResult.Completed run = completed(TASK.formatted("",
                    "    min_tokens: 2\n    min_p: 0.1\n    num_beams: 2\n    no_repeat_ngram_size: 2"));

            Map<?, ?> config = generationConfig(run);
            assertThat(config.get("min_new_tokens")).isEqualTo(2L);
            assertThat(config.get("min_p")).isEqualTo(0.1);
            assertThat(config.get("num_beams")).isEqualTo(2L);
            assertThat(config.get("no_repeat_ngram_size")).isEqualTo(2L);
        }
    }

    @Nested
    class Generation {

        private List<String> pairs(Object item) {
            List<String> words = Arrays.asList(String.valueOf(((Map<?, ?>) item).get("output")).split(" "));
            List<String> pairs = new java.util.ArrayList<>();
            for (int i = 0; i + 1 < words.size(); i++) {
                pairs.add(words.get(i) + " " + words.get(i + 1));
            }
            return pairs;
        }

        @Test
        void maxNewTokensBoundsEveryOutput() {
            RunResult.Completed run = completed(TASK.formatted("", "    max_new_tokens: 3\n    do_sample: false"));

            for (Object item : items(run)) {
                String output = String.valueOf(((Map<?, ?>) item).get("output"));
                assertThat(output.isEmpty() ? 0 : output.split(" ").length).isLessThanOrEqualTo(3);
            }
        }

        @Test
        void minNewTokensHoldsEndOfSequenceBack() {
            RunResult.Completed run = completed(TASK.formatted("",
                    "    max_new_tokens: 6\n    min_new_tokens: 6\n    do_sample: false"));

            assertThat(items(run)).allSatisfy(item -> {
                assertThat(String.valueOf(((Map<?, ?>) item).get("output")).split(" ")).hasSize(6);
                assertThat(((Map<?, ?>) item).get("finish_reason")).isEqualTo("length");
            });
        }

        @Test
        void noRepeatNgramSizeTwoNeverRepeatsAPairOfWords() {
            RunResult.Completed run = completed(TASK.formatted("",
                    "    max_new_tokens: 30\n    min_new_tokens: 30\n    do_sample: false\n    no_repeat_ngram_size: 2"));

            assertThat(items(run)).allSatisfy(item -> assertThat(pairs(item)).doesNotHaveDuplicates());
        }

        @Test
        void greedyDecodingWithoutTheBanRepeatsAPairWithinThirtyTokens() {
            // The toy bigram model proposes only a few words after each token, so greedy decoding
            // loops: this is what no_repeat_ngram_size above prevents.
            RunResult.Completed run = completed(TASK.formatted("",
                    "    max_new_tokens: 30\n    min_new_tokens: 30\n    do_sample: false"));

            List<String> pairs = pairs(items(run).get(0));
            assertThat(pairs).hasSize(29);
            assertThat(new java.util.HashSet<>(pairs)).hasSizeLessThan(29);
        }

        @Test
        void aStopStringCutsTheOutputAndEndsItWithStop() {
            RunResult.Completed free = completed(TASK.formatted("", "    max_new_tokens: 8\n    min_new_tokens: 8\n    do_sample: false"));
            String output = String.valueOf(((Map<?, ?>) items(free).get(0)).get("output"));
            String third = output.split(" ")[2];

            RunResult.Completed cut = completed(TASK.formatted("",
                    "    max_new_tokens: 8\n    min_new_tokens: 8\n    do_sample: false\n    stop: [\" " + third + "\"]"));

            Map<?, ?> item = (Map<?, ?>) items(cut).get(0);
            assertThat(item.get("output")).isEqualTo(output.substring(0, output.indexOf(" " + third)));
            assertThat(item.get("finish_reason")).isEqualTo("stop");
        }

        @Test
        void itemsArePublishedForLaterStages() {
            RunResult.Completed run = completed(TASK.formatted("", "    max_new_tokens: 2"));

            assertThat(items(run)).hasSize(2).allSatisfy(item ->
                    assertThat(map(item)).containsKeys("index", "prompt", "output", "finish_reason"));
        }
    }

    @Test
    void checkpointLoadDrawsANoEffectWarningBecauseUpstreamNeverReadsIt() {
        RunResult.Completed run = completed(TASK.replace("  inference:", "  checkpoint: {load: {path: /ckpt}}\n  inference:")
                .formatted("", "    top_k: 5"));

        assertThat(run.warnings()).filteredOn(w -> w.code().equals("checkpoint.no-effect"))
                .singleElement().satisfies(w -> assertThat(w.pointer()).isEqualTo("/spec/checkpoint/load"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
