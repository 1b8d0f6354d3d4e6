package io.flowmesh.reference.execute;

import static io.flowmesh.reference.execute.TemplateRuns.completed;
import static io.flowmesh.reference.execute.TemplateRuns.fixtureOptions;
import static io.flowmesh.reference.execute.TemplateRuns.fixtureStore;
import static io.flowmesh.reference.execute.TemplateRuns.lineOf;
import static io.flowmesh.reference.execute.TemplateRuns.onlyViolation;
import static io.flowmesh.reference.execute.TemplateRuns.rejected;
import static io.flowmesh.reference.execute.TemplateRuns.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.conformance.store.HubCacheWriter;

/**
 * The vLLM executor loads the model at the revision the template names: the revision reaches the
 * engine, resolves to the commit the store's ref points at, pins the tokenizer unless the template
 * pins it elsewhere, and changes what the engine generates.
 */
class VllmRevisionBehaviourTest {

    private static final String QWEN = "Qwen/Qwen2.5-0.5B-Instruct";

    /** A one-task inference template; {@code %s} are the revision and extra {@code model.vllm} lines. */
    private static final String TEMPLATE = """
            apiVersion: flowmesh/v1
            kind: InferenceTask
            metadata: {name: revision-check}
            spec:
              taskType: inference
              model:
                source:
                  type: huggingface
                  identifier: %s
                  revision: "%s"
                vllm:
                  max_model_len: 1024
            %s
              resources:
                hardware:
                  cpu: "8"
                  memory: 32Gi
                  gpu: {type: any, count: %d}
              inference: {temperature: 0.0, max_tokens: 12, seed: 0}
              data:
                type: list
                items: ["2 + 2 =", "The capital of France is"]
            """;

    private static String template(String revision) {
        return template(QWEN, revision, "", 1);
    }

    private static String template(String identifier, String revision, String vllmLines, int gpus) {
        return TEMPLATE.formatted(identifier, revision, vllmLines, gpus);
    }

    private static String fixtureRef(String identifier, String ref) throws IOException {
        return Files.readString(fixtureStore().resolve("models--" + identifier.replace("/", "--"))
                .resolve("refs").resolve(ref)).trim();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> loaded(RunResult.Completed run) {
        return (Map<String, Object>) value(run, "vllm.engine", "task/loaded");
    }

    @Test
    void mainAndV10ResolveToTheirRefsCommitsAndGenerateDifferently() throws IOException {
        RunResult.Completed main = completed(template("main"));
        RunResult.Completed v10 = completed(template("v1.0"));

        assertThat(value(main, "vllm.engine", "task/revision")).as("revision handed to the engine").isEqualTo("main");
        assertThat(value(v10, "vllm.engine", "task/revision")).as("revision handed to the engine").isEqualTo("v1.0");
        assertThat(value(main, "vllm.engine", "task/resolved_commit")).as("commit of refs/main")
                .isEqualTo(fixtureRef(QWEN, "main"));
        assertThat(value(v10, "vllm.engine", "task/resolved_commit")).as("commit of refs/v1.0")
                .isEqualTo(fixtureRef(QWEN, "v1.0"));
        assertThat(fixtureRef(QWEN, "main")).as("the fixture refs point at different commits")
                .isNotEqualTo(fixtureRef(QWEN, "v1.0"));
        assertThat(value(v10, "vllm.output", "task/completions")).as("completions at v1.0 vs main")
                .isNotEqualTo(value(main, "vllm.output", "task/completions"));
    }

    @Test
    void theTokenizerFollowsTheRevisionUnlessTheTemplatePinsIt() throws IOException {
        RunResult.Completed defaulted = completed(template("v1.0"));
        RunResult.Completed pinned = completed(template(QWEN, "v1.0", "      tokenizer_revision: main", 1));

        assertThat(loaded(defaulted)).as("loaded facts without model.vllm.tokenizer_revision")
                .containsEntry("tokenizer_revision", "v1.0")
                .containsEntry("tokenizer_commit", fixtureRef(QWEN, "v1.0"));
        assertThat(loaded(pinned)).as("loaded facts with tokenizer_revision: main")
                .containsEntry("revision", "v1.0")
                .containsEntry("commit", fixtureRef(QWEN, "v1.0"))
                .containsEntry("tokenizer_revision", "main")
                .containsEntry("tokenizer_commit", fixtureRef(QWEN, "main"));
    }

    @Test
    void tokenizerCommitIsItsOwnEngineKeyAndFollowsTheRevisionUnlessPinned() throws IOException {
        RunResult.Completed defaulted = completed(template("v1.0"));
        RunResult.Completed pinned = completed(template(QWEN, "v1.0", "      tokenizer_revision: main", 1));

        assertThat(value(defaulted, "vllm.engine", "task/tokenizer_commit")).as("tokenizer commit at v1.0")
                .isEqualTo(fixtureRef(QWEN, "v1.0"));
        assertThat(value(pinned, "vllm.engine", "task/tokenizer_commit")).as("tokenizer commit pinned at main")
                .isEqualTo(fixtureRef(QWEN, "main"));
        assertThat(value(pinned, "vllm.engine", "task/resolved_commit")).as("model commit with a pinned tokenizer")
                .isEqualTo(fixtureRef(QWEN, "v1.0"));
    }

    @Test
    void twoStagesOnOneModelAtTwoRevisionsLoadTwoCommits() throws IOException {
        String yaml = """
                apiVersion: flowmesh/v1
                kind: Workflow
                metadata: {name: two-revisions}
                spec:
                  stages:
                    - name: old
                      spec: &stage
                        taskType: inference
                        model:
                          source: {type: huggingface, identifier: %1$s, revision: v1.0}
                          vllm: {max_model_len: 1024}
                        resources:
                          hardware: {cpu: "8", memory: 32Gi, gpu: {type: any, count: 1}}
                        inference: {temperature: 0.0, max_tokens: 8}
                        data: {type: list, items: ["Hello"]}
                    - name: new
                      spec:
                        taskType: inference
                        model:
                          source: {type: huggingface, identifier: %1$s, revision: main}
                          vllm: {max_model_len: 1024}
                        resources:
                          hardware: {cpu: "8", memory: 32Gi, gpu: {type: any, count: 1}}
                        inference: {temperature: 0.0, max_tokens: 8}
                        data: {type: list, items: ["Hello"]}
                """.formatted(QWEN).replace("spec: &stage", "spec:");

        RunResult.Completed run = completed(yaml);

        assertThat(value(run, "vllm.engine", "old/resolved_commit")).as("stage old at v1.0")
                .isEqualTo(fixtureRef(QWEN, "v1.0"));
        assertThat(value(run, "vllm.engine", "new/resolved_commit")).as("stage new at main, after a warm v1.0 engine")
                .isEqualTo(fixtureRef(QWEN, "main"));
        assertThat(value(run, "vllm.engine", "new/tokenizer_commit")).as("tokenizer of stage new")
                .isEqualTo(fixtureRef(QWEN, "main"));
        assertThat(value(run, "vllm.output", "new/completions")).as("the second stage's engine is not the first's")
                .isNotEqualTo(value(run, "vllm.output", "old/completions"));
    }

    @Test
    void aFullCommitIdResolvesToItself() throws IOException {
        String commit = fixtureRef(QWEN, "v1.0");

        RunResult.Completed run = completed(template(commit));

        assertThat(value(run, "vllm.engine", "task/revision")).as("revision handed to the engine").isEqualTo(commit);
        assertThat(value(run, "vllm.engine", "task/resolved_commit")).as("resolved commit").isEqualTo(commit);
        assertThat(value(run, "vllm.output", "task/completions")).as("same snapshot as the v1.0 tag, same output")
                .isEqualTo(value(completed(template("v1.0")), "vllm.output", "task/completions"));
    }

    @Test
    void anUnknownRevisionIsRefusedAtTheRevisionField() {
        String yaml = template("v9.9-missing");

        Diagnostic violation = onlyViolation(rejected(yaml));

        assertThat(violation.pointer()).as("pointer").isEqualTo("/spec/model/source/revision");
        assertThat(violation.line()).as("line of the revision field").isEqualTo(lineOf(yaml, "revision:"));
        assertThat(violation.message()).as("message").contains("v9.9-missing").doesNotContain("\n");
    }

    @Test
    void aModelMissingFromTheStoreIsRefusedAtTheIdentifier() {
        String yaml = template("acme/not-there", "main", "", 1);
        Diagnostic violation = onlyViolation(rejected(yaml));
        assertThat(violation.pointer()).as("pointer").isEqualTo("/spec/model/source/identifier");
        assertThat(violation.line()).as("line of the identifier").isEqualTo(lineOf(yaml, "identifier:"));
    }

    @Test
    void anUnknownTokenizerRevisionIsRefusedAtTheTokenizerRevision() {
        String yaml = template(QWEN, "main", "      tokenizer_revision: nope", 1);
        Diagnostic violation = onlyViolation(rejected(yaml));
        assertThat(violation.pointer()).as("pointer").isEqualTo("/spec/model/vllm/tokenizer_revision");
        assertThat(violation.line()).as("line").isEqualTo(lineOf(yaml, "tokenizer_revision:"));
        assertThat(violation.message()).contains("nope");
    }

    @Test
    void anEngineArgumentTheModelCannotTakeIsRefusedAtThatArgument() {
        String yaml = template(QWEN, "main", "", 1).replace("max_model_len: 1024", "max_model_len: 999999");
        Diagnostic violation = onlyViolation(rejected(yaml));
        assertThat(violation.pointer()).as("pointer").isEqualTo("/spec/model/vllm/max_model_len");
        assertThat(violation.code()).isEqualTo("execute.vllm-load");
    }

    @Test
    void tensorParallelSizeIsCappedByTheGpuCount() {
        RunResult.Completed capped = completed(template(QWEN, "main", "      tensor_parallel_size: 4", 2));
        RunResult.Completed kept = completed(template(QWEN, "main", "      tensor_parallel_size: 2", 8));

        assertThat(((Number) value(capped, "vllm.engine", "task/tensor_parallel_size")).longValue())
                .as("tensor_parallel_size 4 on 2 GPUs").isEqualTo(2);
        assertThat(((Number) value(kept, "vllm.engine", "task/tensor_parallel_size")).longValue())
                .as("tensor_parallel_size 2 on 8 GPUs").isEqualTo(2);
    }

    @Test
    void aStoreBuiltForTheTestResolvesLikeTheFixtureStore(@TempDir Path root) {
        String model = "acme/tiny-chat";
        String main = HubCacheWriter.commitOf(model, "main");
        String v10 = HubCacheWriter.commitOf(model, "v1.0");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architectures", List.of("LlamaForCausalLM"));
        config.put("model_type", "llama");
        config.put("num_hidden_layers", 2);
        config.put("num_attention_heads", 4);
        config.put("vocab_size", 1000);
        config.put("max_position_embeddings", 4096);
        HubCacheWriter writer = HubCacheWriter.at(root);
        for (String commit : List.of(main, v10)) {
            writer.json(model, commit, "config.json", config).json(model, commit, "tokenizer_config.json", Map.of());
        }
        writer.ref(model, "main", main).ref(model, "v1.0", v10);
        RunOptions options = fixtureOptions().with(RunOptions.MODEL_STORE, root.toString());

        RunResult.Completed atMain = completed(template(model, "main", "", 1), options);
        RunResult.Completed atV10 = completed(template(model, "v1.0", "", 1), options);

        assertThat(value(atMain, "vllm.engine", "task/resolved_commit")).as("main in the temp store").isEqualTo(main);
        assertThat(value(atV10, "vllm.engine", "task/resolved_commit")).as("v1.0 in the temp store").isEqualTo(v10);
        assertThat(value(atV10, "vllm.output", "task/completions"))
                .as("identical configs, different commits: the commit alone changes the output")
                .isNotEqualTo(value(atMain, "vllm.output", "task/completions"));
    }
}
