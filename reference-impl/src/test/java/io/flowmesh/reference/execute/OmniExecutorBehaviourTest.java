package io.flowmesh.reference.execute;

import static io.flowmesh.reference.execute.TemplateRuns.completed;
import static io.flowmesh.reference.execute.TemplateRuns.onlyViolation;
import static io.flowmesh.reference.execute.TemplateRuns.rejected;
import static io.flowmesh.reference.execute.TemplateRuns.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowmesh.conformance.spi.RunResult;

/**
 * The omni executors construct {@code Omni(...)} and sample as upstream's {@code omni_*} executors:
 * the stage configuration as the engine reads it, upstream's lenient conversions and defaults.
 */
class OmniExecutorBehaviourTest {

    /** An omni task of type {@code %s} with {@code omni} lines {@code %s}. */
    private static final String TASK = """
            apiVersion: flowmesh/v1
            kind: OmniTask
            metadata: {name: omni}
            spec:
              taskType: %s
              model:
                source: {type: huggingface, identifier: org/model}
              resources:
                hardware: {gpu: {type: any, count: 1}}
              data: {type: list, items: ["first", "second"]}
              omni:
            %s
            """;

    @Test
    void audioRequestsAreSeededByPromptIndexAndEndAtStartPlusLength() {
        RunResult.Completed run = completed(TASK.formatted("omni_text2audio",
                "    seed: 5\n    audio_start: 1.0\n    audio_length: 3.0\n    num_inference_steps: \"0\""));

        List<?> requests = (List<?>) value(run, "omni.generate", "task/sampling");
        List<Object> seeds = requests.stream().<Object>map(r -> ((Map<?, ?>) r).get("seed")).toList();
        assertThat(seeds).containsExactly(5L, 6L);
        assertThat(((Map<?, ?>) requests.get(0)).get("extra_args"))
                .isEqualTo(Map.of("audio_start_in_s", 1.0, "audio_end_in_s", 4.0));
        // num_inference_steps is max(1, to_int(...)): "0" reads as 0 and is raised to 1.
        assertThat(((Map<?, ?>) requests.get(0)).get("num_inference_steps")).isEqualTo(1L);
        assertThat(((Map<?, ?>) requests.get(0)).get("negative_prompt")).isEqualTo("Low quality.");
    }

    @Test
    void audioRefusesAnyFormatButWav() {
        RunResult.Rejected run = rejected(TASK.formatted("omni_text2audio", "    output_format: mp3"));

        assertThat(onlyViolation(run).pointer()).isEqualTo("/spec/omni/output_format");
        assertThat(onlyViolation(run).message()).isEqualTo("omni_text2audio currently supports output_format='wav' only.");
    }

    @Test
    void stageConfigsReachTheEngineAsWrittenWithTheInitTimeouts() {
        RunResult.Completed run = completed(TASK.formatted("omni_text2general",
                "    stage_init_timeout: \"600\"\n    log_stats: \"yes\"\n"
                        + "    stage_configs: {stage_args: [{stage_id: 0, engine_args: {model_stage: thinker}}]}"));

        Map<?, ?> init = (Map<?, ?>) value(run, "omni.load", "task/init_kwargs");
        assertThat(init.get("model")).isEqualTo("org/model");
        assertThat(init.get("stage_configs"))
                .isEqualTo(Map.of("stage_args", List.of(Map.of("stage_id", 0L, "engine_args", Map.of("model_stage", "thinker")))));
        assertThat(init.get("stage_init_timeout")).isEqualTo(600L);
        assertThat(init.get("log_stats")).isEqualTo(true);
    }

    @Test
    void narrationWrapsEachTextInTheChatTemplateUnlessRaw() {
        RunResult.Completed wrapped = completed(TASK.formatted("omni_text2general", "    system_prompt: Be calm."));
        RunResult.Completed raw = completed(TASK.formatted("omni_text2general", "    raw_prompt: true"));

        assertThat(((Map<?, ?>) value(wrapped, "omni.generate", "task/sampling")).get("prompts")).isEqualTo(List.of(
                "<|im_start|>system\nBe calm.<|im_end|>\n<|im_start|>user\nfirst<|im_end|>\n<|im_start|>assistant\n",
                "<|im_start|>system\nBe calm.<|im_end|>\n<|im_start|>user\nsecond<|im_end|>\n<|im_start|>assistant\n"));
        assertThat(((Map<?, ?>) value(raw, "omni.generate", "task/sampling")).get("prompts"))
                .isEqualTo(List.of("first", "second"));
    }

    @Test
    void videoNeedsNumFramesAndDefaultsFpsToSixteen() {
        RunResult.Rejected missing = rejected(TASK.formatted("omni_text2video", "    fps: 8"));
        RunResult.Completed run = completed(TASK.formatted("omni_text2video",
                "    num_frames: 33\n    enable_cpu_offload: true"));

        assertThat(onlyViolation(missing).message()).isEqualTo("omni_text2video requires spec.omni.num_frames.");
        assertThat(((Map<?, ?>) value(run, "omni.generate", "task/sampling")).get("params"))
                .isEqualTo(Map.of("fps", 16L, "num_frames", 33L));
        assertThat(((Map<?, ?>) value(run, "omni.load", "task/init_kwargs")).get("enable_cpu_offload")).isEqualTo(true);
    }
}
