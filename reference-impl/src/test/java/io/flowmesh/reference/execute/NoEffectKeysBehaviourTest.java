package io.flowmesh.reference.execute;

import static io.flowmesh.reference.execute.TemplateRuns.completed;
import static io.flowmesh.reference.execute.TemplateRuns.lineOf;
import static io.flowmesh.reference.execute.TemplateRuns.traceText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.RunResult;

/**
 * Keys that do nothing are accepted with a warning at their own field and line, and really do
 * nothing: the trace is byte-identical to the one of the same template without them.
 */
class NoEffectKeysBehaviourTest {

    /** A short PPO run; {@code %s} is an extra {@code generation} line. */
    private static final String PPO = """
            apiVersion: flowmesh/v1
            kind: PPOTask
            metadata: {name: ppo-no-effect}
            spec:
              taskType: ppo
              model:
                source: {type: huggingface, identifier: openai-community/gpt2, revision: main}
              resources:
                hardware: {cpu: "8", memory: 32Gi, gpu: {type: any, count: 1}}
              training: {batch_size: 4, mini_batch_size: 2, steps: 3, seed: 1, kl_coef: 0.05}
              generation:
                max_new_tokens: 8
            %s
              reward_model: {type: sentiment}
              data:
                prompts: [This movie was, The ending left me]
            """;

    /** A vLLM task; {@code %s} are extra spec lines and extra resources lines. */
    private static final String VLLM = """
            apiVersion: flowmesh/v1
            kind: InferenceTask
            metadata: {name: vllm-no-effect}
            spec:
              taskType: inference
            %s
              model:
                source: {type: huggingface, identifier: Qwen/Qwen2.5-0.5B-Instruct, revision: main}
              resources:
                hardware: {cpu: "8", memory: 32Gi, gpu: {type: any, count: 1}}
            %s
              inference: {temperature: 0.0, max_tokens: 8}
              data: {type: list, items: ["Hello"]}
            """;

    private static List<Diagnostic> withCode(RunResult.Completed run, String code) {
        return run.warnings().stream().filter(w -> w.code().equals(code)).toList();
    }

    @Test
    void doSampleInAPpoTemplateIsWarnedOnceAsNoEffectAndChangesNothing() {
        String with = PPO.formatted("    do_sample: true");
        RunResult.Completed withDoSample = completed(with);
        RunResult.Completed without = completed(PPO.formatted(""));

        assertThat(withCode(withDoSample, "executor.no-effect")).as("no-effect warnings")
                .singleElement()
                .satisfies(w -> assertThat(w.pointer()).as("pointer").isEqualTo("/spec/generation/do_sample"))
                .satisfies(w -> assertThat(w.line()).as("line").isEqualTo(lineOf(with, "do_sample:")));
        assertThat(withCode(without, "executor.no-effect")).as("warnings without do_sample").isEmpty();
        assertThat(traceText(withDoSample)).as("trace with do_sample").isEqualTo(traceText(without));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/spec/resources/replicas | '' | '    replicas: 3' | replicas:",
        "/spec/sloSeconds | '  sloSeconds: 30' | '' | sloSeconds:",
        "/spec/parallel | '  parallel: {max_shards: 4}' | '' | parallel:"})
    void aLegacyFieldWarnsAtItsPointerAndChangesNothing(String pointer, String specLine, String resourcesLine,
            String field) {
        String with = VLLM.formatted(specLine, resourcesLine);
        RunResult.Completed withLegacy = completed(with);
        RunResult.Completed without = completed(VLLM.formatted("", ""));

        assertThat(withCode(withLegacy, "legacy.no-effect")).as("legacy warnings")
                .singleElement()
                .satisfies(w -> assertThat(w.pointer()).as("pointer").isEqualTo(pointer))
                .satisfies(w -> assertThat(w.line()).as("line").isEqualTo(lineOf(with, field)));
        assertThat(without.warnings()).as("warnings without the legacy field").isEmpty();
        assertThat(traceText(withLegacy)).as("trace with %s", pointer).isEqualTo(traceText(without));
    }

    @Test
    void aDataKeyTheDataLoaderDoesNotReadIsWarnedAndNeverHandedOver() {
        String with = VLLM.formatted("", "").replace("data: {type: list, items: [\"Hello\"]}",
                "data: {type: list, items: [\"Hello\"], colour: red}");
        RunResult.Completed withColour = completed(with);
        RunResult.Completed without = completed(VLLM.formatted("", ""));

        assertThat(withCode(withColour, "executor.no-effect")).as("no-effect warnings")
                .singleElement()
                .satisfies(w -> assertThat(w.pointer()).as("pointer").isEqualTo("/spec/data/colour"));
        assertThat(withColour.trace().effects()).as("data effects")
                .filteredOn(e -> e.channel().equals("data")).extracting(e -> e.key())
                .containsExactly("task/type", "task/items");
        assertThat(traceText(withColour)).as("trace with data.colour").isEqualTo(traceText(without));
    }

    @ParameterizedTest(name = "generation.{0}")
    @CsvSource(delimiter = '|', value = {
        "do_sample: true | always samples",
        "top_k: 50 | top_k=0 and top_p=1.0",
        "top_p: 0.9 | top_k=0 and top_p=1.0"})
    void aTrlKeyPpoDoesNotReadIsWarnedOnceWithTheReasonAndChangesNothing(String line, String reason) {
        String with = PPO.formatted("    " + line);
        String key = line.substring(0, line.indexOf(':'));

        RunResult.Completed run = completed(with);

        assertThat(run.warnings()).as("warnings").filteredOn(w -> w.pointer().equals("/spec/generation/" + key))
                .singleElement()
                .satisfies(w -> assertThat(w.code()).as("code").isEqualTo("executor.no-effect"))
                .satisfies(w -> assertThat(w.message()).as("message").contains(reason));
        assertThat(traceText(run)).as("trace with generation.%s", key).isEqualTo(traceText(completed(PPO.formatted(""))));
    }
}
