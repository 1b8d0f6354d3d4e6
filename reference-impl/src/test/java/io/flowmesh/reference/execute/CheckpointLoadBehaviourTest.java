package io.flowmesh.reference.execute;

import static io.flowmesh.reference.execute.TemplateRuns.completed;
import static io.flowmesh.reference.execute.TemplateRuns.onlyViolation;
import static io.flowmesh.reference.execute.TemplateRuns.rejected;
import static io.flowmesh.reference.execute.TemplateRuns.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.flowmesh.conformance.spi.RunResult;

/**
 * {@code checkpoint.load} is a mapping resolved as upstream's {@code resolve_checkpoint_load}: the
 * vLLM executor initialises from the folder it finds (or falls back to the identifier), the SFT
 * executors resume from it (or fail).
 */
class CheckpointLoadBehaviourTest {

    /** An SFT stage that saves a model (and, with an HTTP destination, its archive), then {@code %s}. */
    private static final String AFTER_SFT = """
            apiVersion: flowmesh/v1
            kind: Workflow
            metadata: {name: ckpt}
            spec:
              model:
                source: {type: huggingface, identifier: openai-community/gpt2, revision: main}
              resources:
                hardware: {cpu: "8", memory: 32Gi, gpu: {type: any, count: 1}}
              stages:
                - name: train
                  spec:
                    taskType: sft
                    data: {prompts: ["a story", "another story"]}
                    output:
                      destination: {type: http, url: "https://results.example.com/r"}
                - name: next
                  spec:
            %s
            """;

    private static final String INFERENCE = """
                    taskType: inference
                    model: {vllm: {max_model_len: 512}}
                    checkpoint: {load: %s}
                    inference: {max_tokens: 4}
                    data: {type: list, items: ["hello"]}
            """;

    private static final String RESUME = """
                    taskType: sft
                    checkpoint: {load: %s}
                    data: {prompts: ["more"]}
            """;

    @Nested
    class Vllm {

        @Test
        void aTaskIdLoadsTheFolderTheEarlierStageSaved() {
            RunResult.Completed run = completed(AFTER_SFT.formatted(INFERENCE.formatted("{task_id: train}")));

            Map<?, ?> checkpoint = (Map<?, ?>) value(run, "vllm.engine", "next/checkpoint");
            assertThat(checkpoint.get("from")).isEqualTo("task_id");
            assertThat(map(checkpoint.get("config"))).containsEntry("_name_or_path", "openai-community/gpt2")
                    .containsEntry("trained_with", "SFTConfig");
        }

        @Test
        void anHttpLoadWithOnlyAUrlIsNeverLookedUp() {
            RunResult.Completed run = completed(AFTER_SFT.formatted(
                    INFERENCE.formatted("{type: http, url: \"${train.final_model_archive}\"}")));

            assertThat(value(run, "vllm.engine", "next/checkpoint")).isNull();
        }

        @Test
        void aLoadThatFindsNothingFallsBackToTheIdentifier() {
            RunResult.Completed run = completed(AFTER_SFT.formatted(INFERENCE.formatted("{task_id: elsewhere}")));

            assertThat(value(run, "vllm.engine", "next/checkpoint")).isNull();
        }
    }

    @Nested
    class Training {

        @Test
        void anHttpUrlNamingTheRunsArchiveResumesFromWhatItPacked() {
            RunResult.Completed run = completed(AFTER_SFT.formatted(
                    RESUME.formatted("{type: http, url: \"${train.final_model_archive}\"}")));

            Map<?, ?> resume = (Map<?, ?>) value(run, "trainer.model", "next/resume_from");
            assertThat(resume.get("from")).isEqualTo("url");
            assertThat(map(resume.get("config"))).containsEntry("trained_with", "SFTConfig");
        }

        @Test
        void noLoadResumesFromNothing() {
            RunResult.Completed run = completed(AFTER_SFT.formatted(RESUME.replace("        checkpoint: {load: %s}\n", "")));

            assertThat(value(run, "trainer.model", "next/resume_from")).isNull();
        }

        @Test
        void aLocalLoadWithoutAPathFailsTheTask() {
            RunResult.Rejected run = rejected(AFTER_SFT.formatted(RESUME.formatted("{type: local}")));

            assertThat(onlyViolation(run).pointer()).isEqualTo("/spec/stages/1/spec/checkpoint/load/path");
            assertThat(onlyViolation(run).message()).isEqualTo("checkpoint.load.path is required for local checkpoints");
        }

        @Test
        void aUrlThatIsNoHttpUrlIsRefusedAsUpstreamRefusesIt() {
            RunResult.Rejected run = rejected(AFTER_SFT.formatted(RESUME.formatted("{type: http, url: ftp://host/m.tar}")));

            assertThat(onlyViolation(run).message())
                    .isEqualTo("Unsupported checkpoint URL scheme 'ftp'; only http and https are allowed");
        }

        @Test
        void aLoadThatIsNoMappingIsRefused() {
            RunResult.Rejected run = rejected(AFTER_SFT.formatted(RESUME.formatted("/checkpoints/step-500")));

            assertThat(onlyViolation(run).message()).startsWith("checkpoint.load must be a mapping");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
