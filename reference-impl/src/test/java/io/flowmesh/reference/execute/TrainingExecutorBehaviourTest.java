package io.flowmesh.reference.execute;

import static io.flowmesh.reference.execute.TemplateRuns.completed;
import static io.flowmesh.reference.execute.TemplateRuns.onlyViolation;
import static io.flowmesh.reference.execute.TemplateRuns.rejected;
import static io.flowmesh.reference.execute.TemplateRuns.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.flowmesh.conformance.spi.RunResult;

/**
 * The SFT, LoRA-SFT and DPO executors hand TRL what upstream's executors hand it: upstream's template
 * keys ({@code batch_size}, {@code max_seq_length}, {@code save_freq}) under TRL's names, with
 * upstream's defaults, and a training set built from {@code data} as upstream builds it.
 */
class TrainingExecutorBehaviourTest {

    /** An SFT task; {@code %s} are extra training lines and the data section. */
    private static final String SFT = """
            apiVersion: flowmesh/v1
            kind: SFTTask
            metadata: {name: sft}
            spec:
              taskType: sft
              model:
                source: {type: huggingface, identifier: openai-community/gpt2, revision: main}
              resources:
                hardware: {cpu: "8", memory: 32Gi, gpu: {type: any, count: 1}}
              training:
                learning_rate: 0.0001
            %s
              data:
            %s
            """;

    private static final String HUB_DATA = """
                dataset_name: openai/gsm8k
                config_name: main
                prompt_column: question
                response_column: answer
                separator: " => "
                max_samples: 200
            """;

    @Nested
    class SftConfig {

        @Test
        void batchSizeIsThePerDeviceTrainBatchSize() {
            RunResult.Completed run = completed(SFT.formatted("    batch_size: 8", HUB_DATA));

            assertThat(value(run, "trainer.config", "task/per_device_train_batch_size")).isEqualTo(8L);
        }

        @Test
        void withoutBatchSizeTheTrainerGetsUpstreamsDefaultOfTwo() {
            RunResult.Completed run = completed(SFT.formatted("", HUB_DATA));

            assertThat(value(run, "trainer.config", "task/per_device_train_batch_size")).isEqualTo(2L);
            assertThat(value(run, "trainer.config", "task/gradient_checkpointing")).isEqualTo(true);
            assertThat(value(run, "trainer.config", "task/save_strategy")).isEqualTo("steps");
        }

        @Test
        void maxSeqLengthIsTheMaxLength() {
            RunResult.Completed run = completed(SFT.formatted("    max_seq_length: 256", HUB_DATA));

            assertThat(value(run, "trainer.config", "task/max_length")).isEqualTo(256L);
        }

        @Test
        void aBatchSizePythonCannotConvertFailsTheTask() {
            RunResult.Rejected run = rejected(SFT.formatted("    batch_size: many", HUB_DATA));

            assertThat(onlyViolation(run).pointer()).isEqualTo("/spec/training/batch_size");
        }
    }

    @Nested
    class SftData {

        @Test
        void promptAndResponseColumnsAreJoinedByTheSeparatorAndLimitedByMaxSamples() {
            RunResult.Completed run = completed(SFT.formatted("", HUB_DATA));

            assertThat(value(run, "trainer.dataset", "task/load_dataset"))
                    .isEqualTo(Map.of("path", "openai/gsm8k", "name", "main", "split", "train"));
            assertThat(value(run, "trainer.dataset", "task/text"))
                    .isEqualTo(Map.of("prompt_column", "question", "response_column", "answer", "separator", " => "));
            assertThat(value(run, "trainer.dataset", "task/max_samples")).isEqualTo(200L);
            assertThat(value(run, "trainer.config", "task/dataset_text_field")).isEqualTo("text");
        }

        @Test
        void inlinePromptsAreTheRowsTheTrainerGets() {
            RunResult.Completed run = completed(SFT.formatted("", "    prompts: [Once upon a time, 42]"));

            assertThat(value(run, "trainer.dataset", "task/rows")).isEqualTo(List.of("Once upon a time", "42"));
        }

        @Test
        void dataWithoutDatasetOrPromptsFailsTheTask() {
            RunResult.Rejected run = rejected(SFT.formatted("", "    split: train"));

            assertThat(onlyViolation(run).pointer()).isEqualTo("/spec/data");
        }
    }

    @Nested
    class Launch {

        private static final String TWO_GPUS = SFT.replace("count: 1}", "count: 2}");

        @Test
        void visibleDevicesLimitTheProcessesTorchrunStarts() {
            RunResult.Completed run = completed(TWO_GPUS.formatted("    visible_devices: \"1\"", HUB_DATA));

            assertThat(value(run, "trainer.launch", "task/launch"))
                    .isEqualTo(Map.of("mode", "in_process", "processes", 1L, "visible_devices", "1"));
        }

        @Test
        void aDeepspeedConfigLaunchesDeepspeedAndReachesTheConfig() {
            RunResult.Completed run = completed(TWO_GPUS.formatted("    deepspeed: {zero_optimization: {stage: 2}}",
                    HUB_DATA));

            assertThat(value(run, "trainer.launch", "task/launch")).isEqualTo(Map.of("mode", "deepspeed", "processes", 2L));
            assertThat(value(run, "trainer.config", "task/deepspeed")).isEqualTo(Map.of("zero_optimization",
                    Map.of("stage", 2L)));
        }
    }

    @Nested
    class Saving {

        @Test
        void saveModelFalseSavesNothing() {
            RunResult.Completed run = completed(SFT.formatted("    save_model: false", HUB_DATA));

            assertThat(value(run, "trainer.save", "task/saved")).isEqualTo(List.of());
        }

        @Test
        void byDefaultTheFinalModelIsSaved() {
            RunResult.Completed run = completed(SFT.formatted("", HUB_DATA));

            assertThat(value(run, "trainer.save", "task/saved")).isEqualTo(List.of("final_model"));
        }
    }

    @Nested
    class Dpo {

        private static final String DPO = """
                apiVersion: flowmesh/v1
                kind: DPOTask
                metadata: {name: dpo}
                spec:
                  taskType: dpo
                  model:
                    source: {type: huggingface, identifier: openai-community/gpt2, revision: main}
                  resources:
                    hardware: {cpu: "8", memory: 32Gi, gpu: {type: any, count: %d}}
                  training: {save_freq: 50%s}
                  data:
                    preferences:
                      - {prompt: Hi, chosen: Hello there, rejected: Go away}
                """;

        @Test
        void saveFreqIsTheSaveSteps() {
            RunResult.Completed run = completed(DPO.formatted(1, ""));

            assertThat(value(run, "trainer.config", "task/save_steps")).isEqualTo(50L);
            assertThat(value(run, "trainer.config", "task/learning_rate")).isEqualTo(5e-7);
        }

        @Test
        void inlinePreferencesAreTheRowsTheTrainerGets() {
            RunResult.Completed run = completed(DPO.formatted(1, ""));

            assertThat(value(run, "trainer.dataset", "task/rows"))
                    .isEqualTo(List.of(Map.of("prompt", "Hi", "chosen", "Hello there", "rejected", "Go away")));
        }

        @Test
        void twoGpusLaunchTorchrunUnlessMultiGpuIsRefused() {
            assertThat(value(completed(DPO.formatted(2, "")), "trainer.launch", "task/launch"))
                    .isEqualTo(Map.of("mode", "torchrun", "processes", 2L));
            assertThat(value(completed(DPO.formatted(2, ", allow_multi_gpu: false")), "trainer.launch", "task/launch"))
                    .isEqualTo(Map.of("mode", "in_process", "processes", 1L));
        }
    }

    @Nested
    class LoraSft {

        private static final String LORA = """
                apiVersion: flowmesh/v1
                kind: LoRASFTTask
                metadata: {name: lora}
                spec:
                  taskType: lora_sft
                  model:
                    source: {type: huggingface, identifier: openai-community/gpt2, revision: main}
                  resources:
                    hardware: {cpu: "8", memory: 32Gi, gpu: {type: any, count: 1}}
                  lora: {r: 4%s}
                  data: {prompts: [a, b]}
                """;

        @Test
        void theLoraConfigGetsUpstreamsDefaultsForWhatIsLeftOut() {
            RunResult.Completed run = completed(LORA.formatted(""));

            assertThat(value(run, "peft.config", "task/r")).isEqualTo(4L);
            assertThat(value(run, "peft.config", "task/lora_alpha")).isEqualTo(32L);
            assertThat(value(run, "peft.config", "task/target_modules"))
                    .isEqualTo(List.of("q_proj", "k_proj", "v_proj", "o_proj"));
            assertThat(value(run, "peft.config", "task/use_rslora")).isEqualTo(false);
            assertThat(value(run, "trainer.config", "task/learning_rate")).isEqualTo(2e-4);
        }

        @Test
        void useRsloraReachesTheLoraConfig() {
            RunResult.Completed run = completed(LORA.formatted(", use_rslora: true"));

            assertThat(value(run, "peft.config", "task/use_rslora")).isEqualTo(true);
        }

        @Test
        void theAdapterAndItsArchiveAreSaved() {
            RunResult.Completed run = completed(LORA.formatted(""));

            assertThat(value(run, "trainer.save", "task/saved")).isEqualTo(List.of("final_lora", "final_lora.tar.gz"));
        }
    }
}
