package io.flowmesh.reference.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkflowParserHappyPathTest {

    private static final WorkflowParser PARSER = new WorkflowParser();

    static Stream<Arguments> taskTypes() {
        return Stream.of(
                Arguments.of("inference", "InferenceTask", """
                        model:
                          source: {type: huggingface, identifier: Qwen/Qwen2.5-0.5B-Instruct, revision: main}
                          vllm: {max_model_len: 2048, dtype: auto}
                        inference: {temperature: 0.7, max_tokens: 64, stop: ["\\n"]}
                        data: {type: list, items: [hello, world]}
                        """, List.of("inference", "data")),
                Arguments.of("embedding", "EmbeddingTask", """
                        model: {source: {identifier: BAAI/bge-small-en}, vllm: {task: embed}}
                        embedding: {normalize: true, batch_size: 8}
                        data: {type: list, items: [a, b]}
                        """, List.of("embedding", "data")),
                Arguments.of("serve", "ServeTask", """
                        model: {source: {identifier: org/model, revision: main}}
                        serve: {port: 8000, host: 0.0.0.0}
                        """, List.of("serve")),
                Arguments.of("diffusion", "DiffusionTask", """
                        model:
                          source: {identifier: stabilityai/sd-turbo}
                          diffusers: {torch_dtype: float16, num_inference_steps: 2}
                        data: {type: list, items: [a cat]}
                        """, List.of("data")),
                Arguments.of("omni", "OmniTask", """
                        model: {source: {identifier: org/omni}}
                        inference: {max_tokens: 16}
                        """, List.of("inference")),
                Arguments.of("image_classification", "ImageClassificationTask", """
                        model: {source: {identifier: google/vit-base-patch16-224}, transformers: {device_map: cpu}}
                        data: {images: [a.png]}
                        """, List.of("data")),
                Arguments.of("sft", "SFTTask", """
                        model: {source: {identifier: org/base}, config: {bf16: true}}
                        training: {learning_rate: 2.0e-5, num_train_epochs: 1, packing: false}
                        data: {dataset_name: imdb, split: train, text_column: text}
                        """, List.of("training", "data")),
                Arguments.of("lora_sft", "LoRASFTTask", """
                        model: {source: {identifier: org/base}}
                        lora: {r: 8, alpha: 16, dropout: 0.05, target_modules: [q_proj, v_proj]}
                        training: {max_steps: 10}
                        data: {dataset_name: imdb}
                        """, List.of("lora", "training", "data")),
                Arguments.of("dpo", "DPOTask", """
                        model: {source: {identifier: org/base}}
                        training: {beta: 0.1}
                        data: {dataset_name: pairs, chosen_column: chosen, rejected_column: rejected}
                        """, List.of("training", "data")),
                Arguments.of("ppo", "PPOTask", """
                        model: {source: {identifier: org/base, revision: main}}
                        training: {learning_rate: 1.41e-5, batch_size: 4, target_kl: 0.1, early_stopping: true, log_with: wandb}
                        generation: {max_new_tokens: 16, temperature: 1.0}
                        reward_model: {identifier: org/sentiment, type: sentiment}
                        data: {prompts: [Hello]}
                        """, List.of("training", "generation", "reward_model", "data")),
                Arguments.of("agent", "AgentTask", """
                        configName: researcher
                        task: Collect three papers
                        agent: {timeout: 300, tools: [search]}
                        """, List.of("agent")),
                Arguments.of("api", "APITask", """
                        api:
                          url: https://example.invalid/x
                          method: POST
                          headers: {Authorization: "Bearer ${TOKEN}"}
                          response: {parse_json: true}
                        """, List.of("api")),
                Arguments.of("echo", "EchoTask", """
                        echo: {message: hi, repeat: 2}
                        """, List.of("echo")),
                Arguments.of("ssh", "SSHTask", """
                        ssh: {host: example.invalid, port: 22, user: me, command: uptime, key_env: SSH_KEY}
                        """, List.of("ssh")),
                Arguments.of("rag", "RAGTask", """
                        qdrant: {url: "http://localhost:6333", collection: docs}
                        embedding: {model: BAAI/bge-small-en}
                        search: {top_k: 3}
                        """, List.of("qdrant", "embedding", "search")),
                Arguments.of("data_profiling", "DataTask", """
                        profiling: {columns: [a], sample_size: 100}
                        data: {type: dataset, url: "file:///d.csv"}
                        """, List.of("profiling", "data")),
                Arguments.of("data_retrieval", "DataTask", """
                        retrieval: {query: q, top_k: 2}
                        """, List.of("retrieval")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("taskTypes")
    void parsesEveryTaskType(String taskType, String kind, String specBody, List<String> sections) {
        String yaml = "apiVersion: flowmesh/v1\nkind: " + kind + "\nmetadata:\n  name: " + taskType.replace('_', '-')
                + "-demo\n  owner: me\n  annotations: {description: demo}\nspec:\n  taskType: " + taskType
                + "\n  resources:\n    hardware: {cpu: \"4\", memory: 16Gi}\n" + specBody.indent(2);

        ParseOutcome outcome = PARSER.parse(yaml, taskType + ".yaml");

        assertThat(outcome).as("outcome of %s: %s", taskType, outcome).isInstanceOf(ParseOutcome.Parsed.class);
        assertThat(outcome.warnings()).as("warnings").isEmpty();
        Workflow workflow = ((ParseOutcome.Parsed) outcome).workflow();
        assertThat(workflow.kind()).isEqualTo(kind);
        assertThat(workflow.metadata().annotations()).containsEntry("description", "demo");
        assertThat(workflow.spec().taskType()).isEqualTo(taskType);
        assertThat(workflow.spec().resources().hardware()).isEqualTo(new Hardware("4", "16Gi", null));
        assertThat(workflow.spec().sections().keySet()).as("open sections in template order")
                .containsExactlyElementsOf(sections);
    }

    @Test
    void bindsEveryStructuredSectionAndKeepsOpenValuesTyped() {
        String yaml = """
                apiVersion: flowmesh/v1
                kind: InferenceTask
                metadata:
                  name: full
                  project: papers
                  labels: {team: ml}
                spec:
                  taskType: inference
                  enforce_cpu: false
                  model:
                    source: {type: huggingface, identifier: org/m, revision: abc, trust_remote_code: true}
                    transformers: {torch_dtype: bfloat16}
                    adapters:
                      - {type: lora, name: a1, apply: runtime, url: "https://example.invalid/a.tar.gz",
                         archive_format: tar.gz, headers: {Authorization: "Bearer ${HF_TOKEN}"}}
                      - {type: lora, task_id: "${train.result.final_lora}"}
                  resources:
                    hardware:
                      cpu: 8
                      memory: 64G
                      gpu: {type: A100, count: 2, memory: 80Gi}
                  shard: {count: 3, strategy: round_robin}
                  inference: {top_k: 40, top_p: 0.9, seed: 123456789012345678901234567890, stop: null,
                              response_format: {type: json_schema, schema: {type: object}}}
                  checkpoint: {load: "${train.output}"}
                  output:
                    destination: {type: http, url: "https://example.invalid/up", timeoutSec: 30, headers: {X-A: b}}
                    artifacts: [results.json]
                """;

        ParseOutcome outcome = PARSER.parse(yaml, "full.yaml");

        assertThat(outcome).as("%s", outcome).isInstanceOf(ParseOutcome.Parsed.class);
        TaskSpec spec = ((ParseOutcome.Parsed) outcome).workflow().spec();
        assertThat(((ParseOutcome.Parsed) outcome).workflow().metadata())
                .isEqualTo(new Metadata("full", null, "papers", Map.of(), Map.of("team", "ml")));
        assertThat(spec.enforceCpu()).isFalse();
        assertThat(spec.model().source()).isEqualTo(new ModelSource("huggingface", "org/m", "abc", true));
        assertThat(spec.model().transformers()).containsEntry("torch_dtype", "bfloat16");
        assertThat(spec.model().vllm()).isEmpty();
        assertThat(spec.model().adapters()).containsExactly(
                new Adapter("lora", "a1", null, "runtime", null, "https://example.invalid/a.tar.gz", null, "tar.gz",
                        Map.of("Authorization", "Bearer ${HF_TOKEN}")),
                new Adapter("lora", null, null, null, null, null, "${train.result.final_lora}", null, Map.of()));
        assertThat(spec.resources().hardware()).isEqualTo(new Hardware("8", "64G", new Gpu("A100", 2, "80Gi")));
        assertThat(spec.shard()).isEqualTo(new Shard(3, "round_robin"));
        Map<String, Object> inference = spec.section("inference");
        assertThat(inference.get("top_k")).isEqualTo(40L);
        assertThat(inference.get("top_p")).isEqualTo(0.9);
        assertThat(inference.get("seed")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(inference).containsEntry("stop", null);
        assertThat(inference.get("response_format")).isEqualTo(Map.of("type", "json_schema", "schema", Map.of("type", "object")));
        assertThat(spec.checkpoint()).isEqualTo(new Checkpoint("${train.output}"));
        assertThat(spec.output()).isEqualTo(new Output(new Destination("http", null, "https://example.invalid/up", 30L,
                Map.of("X-A", "b")), List.of("results.json")));
        assertThat(spec.stages()).isEmpty();
        assertThat(spec.graphNodes()).isEmpty();
    }

    @Test
    void bindsStagesAndGraphNodesWithEnvelopeDefaults() {
        String yaml = """
                apiVersion: flowmesh/v1
                kind: Workflow
                metadata: {name: multi}
                spec:
                  resources: {hardware: {cpu: "2", memory: 4Gi}}
                  model: {source: {identifier: org/base}}
                  stages:
                    - name: lora-train
                      spec: {taskType: lora_sft, lora: {r: 4}}
                    - name: infer
                      dependsOn: [lora-train]
                      spec:
                        taskType: inference
                        model:
                          source: {identifier: org/base}
                          adapters: [{type: lora, path: "${lora-train.result.final_lora_archive}"}]
                  graph:
                    nodes:
                      - name: n1
                        spec: {taskType: echo, echo: {message: x}}
                """;

        ParseOutcome outcome = PARSER.parse(yaml, "multi.yaml");

        assertThat(outcome).as("%s", outcome).isInstanceOf(ParseOutcome.Parsed.class);
        TaskSpec spec = ((ParseOutcome.Parsed) outcome).workflow().spec();
        assertThat(spec.taskType()).isNull();
        assertThat(spec.model().source().identifier()).isEqualTo("org/base");
        assertThat(spec.stages()).extracting(Stage::name).containsExactly("lora-train", "infer");
        assertThat(spec.stages().get(1).dependsOn()).containsExactly("lora-train");
        assertThat(spec.stages().get(0).spec().section("lora")).containsEntry("r", 4L);
        assertThat(spec.stages().get(1).spec().model().adapters()).singleElement()
                .extracting(Adapter::path).isEqualTo("${lora-train.result.final_lora_archive}");
        assertThat(spec.graphNodes()).singleElement().extracting(Stage::name).isEqualTo("n1");
        assertThat(spec.graphNodes().get(0).spec().section("echo")).containsEntry("message", "x");
    }
}
