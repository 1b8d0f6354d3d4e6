package io.flowmesh.reference.execute;

import static io.flowmesh.reference.execute.TemplateRuns.completed;
import static io.flowmesh.reference.execute.TemplateRuns.repositoryRoot;
import static io.flowmesh.reference.execute.TemplateRuns.template;
import static io.flowmesh.reference.execute.TemplateRuns.traceText;
import static io.flowmesh.reference.execute.TemplateRuns.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.flowmesh.conformance.spi.RunResult;

/**
 * Runs are deterministic, sharded tasks each see only their slice of the items, and a stage's
 * published text reaches the next stage through its placeholder.
 */
class DeterminismAndSchedulingBehaviourTest {

    private static final List<String> ITEMS = List.of("a one", "b two", "c three", "d four", "e five", "f six",
            "g seven");

    /** Seven items over three shards with strategy {@code %s}. */
    private static final String SHARDED = """
            apiVersion: flowmesh/v1
            kind: BatchInferenceTask
            metadata: {name: shard-check}
            spec:
              taskType: inference
              shard: {count: 3, strategy: %s}
              model:
                source: {type: huggingface, identifier: Qwen/Qwen2.5-0.5B-Instruct, revision: main}
              resources:
                hardware: {cpu: "4", memory: 16Gi, gpu: {type: any, count: 1}}
              inference: {temperature: 0.0, max_tokens: 4}
              data:
                type: list
                items: ["a one", "b two", "c three", "d four", "e five", "f six", "g seven"]
            """;

    static Stream<String> bundledTemplates() throws IOException {
        try (Stream<Path> files = Files.list(repositoryRoot().resolve("templates"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .sorted().toList();
            assertThat(names).as("bundled templates (the test must not pass vacuously)").isNotEmpty();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundledTemplates")
    void aBundledTemplateRunTwiceGivesTheSameTraceByteForByte(String fileName) {
        String yaml = template(fileName);

        String first = traceText(completed(yaml));
        String second = traceText(completed(yaml));

        assertThat(second).as("second trace of %s", fileName).isEqualTo(first);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "contiguous  | 0,1,2 | 3,4 | 5,6",
        "round_robin | 0,3,6 | 1,4 | 2,5"})
    void eachShardSeesOnlyItsSliceOfTheItems(String strategy, String shard0, String shard1, String shard2) {
        RunResult.Completed run = completed(SHARDED.formatted(strategy));

        assertThat(value(run, "scheduler", "tasks")).as("tasks").isEqualTo(List.of("task#0", "task#1", "task#2"));
        List<String> shards = List.of(shard0, shard1, shard2);
        List<Object> seen = new ArrayList<>();
        for (int shard = 0; shard < shards.size(); shard++) {
            List<String> expected = Stream.of(shards.get(shard).split(",")).map(Integer::parseInt)
                    .map(ITEMS::get).toList();
            Object items = value(run, "data", "task#" + shard + "/items");
            assertThat(items).as("data items of shard %d (%s)", shard, strategy).isEqualTo(expected);
            assertThat((List<?>) value(run, "vllm.output", "task#" + shard + "/completions"))
                    .as("one completion list per item of shard %d", shard).hasSize(expected.size());
            seen.addAll(expected);
        }
        assertThat(seen).as("the shards together hold every item once").containsExactlyInAnyOrderElementsOf(ITEMS);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStagePlaceholderIsResolvedIntoTheNextStagesData() {
        String yaml = """
                apiVersion: flowmesh/v1
                kind: Workflow
                metadata: {name: placeholder-check}
                spec:
                  model:
                    source: {type: huggingface, identifier: Qwen/Qwen2.5-0.5B-Instruct, revision: main}
                  resources:
                    hardware: {cpu: "8", memory: 32Gi, gpu: {type: any, count: 1}}
                  stages:
                    - name: draft
                      spec:
                        taskType: inference
                        inference: {temperature: 0.0, max_tokens: 6}
                        data: {type: list, items: [Describe a boot.]}
                    - name: translate
                      dependsOn: [draft]
                      spec:
                        taskType: inference
                        inference: {temperature: 0.0, max_tokens: 6}
                        data: {type: list, items: ["Translate to German: ${draft.text}"]}
                """;

        RunResult.Completed run = completed(yaml);

        List<List<String>> draft = (List<List<String>>) value(run, "vllm.output", "draft/completions");
        assertThat(draft.get(0).get(0)).as("draft text").isNotBlank();
        assertThat(value(run, "data", "translate/items")).as("translate stage items")
                .isEqualTo(List.of("Translate to German: " + draft.get(0).get(0)));
        assertThat(value(run, "scheduler", "translate/depends_on")).as("translate depends on").isEqualTo(List.of("draft"));
    }
}
