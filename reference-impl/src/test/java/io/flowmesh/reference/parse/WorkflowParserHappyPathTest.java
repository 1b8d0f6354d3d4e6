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
        String inferModel = """
                model:
                  source: {identifier: org/model}
                  transformers: {torch_dtype: float32}
                inference: {max_tokens: 16}
                checkpoint: {load: /ckpt, strict: false}
                postprocess: {extract: text}
                data: {type: list, items: [hello]}
                """;
        String omni = inferModel + "omni: {speaker: Chelsie}\nstoryboard: {scenes: 2}\n";
        String training = """
                model: {source: {identifier: org/base}, config: {bf16: true}}
                training: {learning_rate: 2.0e-5, num_train_epochs: 1}
                data: {dataset_name: imdb, split: train, text_column: text}
                """;
        return Stream.of(
                Arguments.of("inference", "InferenceTask", """
                        model:
                          source: {type: huggingface, identifier: Qwen/Qwen2.5-0.5B-Instruct, revision: main}
                          transformers: {torch_dtype: float32}
                        inference: {temperature: 0.7, max_tokens: 64, stop: ["\\n"]}
                        data: {type: list, items: [hello, world]}
                        """, List.of("inference", "data"), List.of()),
                Arguments.of("diffusion", "DiffusionTask", """
                        model:
                          source: {identifier: stabilityai/sd-turbo}
                          diffusers: {torch_dtype: float16, num_inference_steps: 2}
                        data: {type: list, items: [a cat]}
                        """, List.of("data"), List.of()),
                Arguments.of("omni_text2image", "OmniTask", omni, List.of("inference", "postprocess", "data", "omni",
                        "storyboard"), List.of()),
                Arguments.of("omni_text2speech", "OmniTask", omni, List.of("inference", "postprocess", "data", "omni",
                        "storyboard"), List.of()),
                Arguments.of("omni_text2audio", "OmniTask", omni, List.of("inference", "postprocess", "data", "omni",
                        "storyboard"), List.of()),
                Arguments.of("omni_text2general", "OmniTask", omni, List.of("inference", "postprocess", "data", "omni",
                        "storyboard"), List.of()),
                Arguments.of("omni_text2video", "OmniTask", omni, List.of("inference", "postprocess", "data", "omni",
                        "storyboard"), List.of()),
                Arguments.of("embedding", "EmbeddingTask", """
                        model: {source: {identifier: BAAI/bge-small-en}, transformers: {torch_dtype: float32}}
                        data: {type: list, items: [a, b]}
                        """, List.of("data"), List.of()),
                Arguments.of("serve", "ServeTask", """
                        model: {source: {identifier: org/model, revision: main}, vllm: {max_model_len: 1024}}
                        ttlSeconds: 3600
                        readinessTimeoutSeconds: 120.5
                        accessMode: proxy
                        port: 8000
                        apiKey: "${SERVE_KEY}"
                        """, List.of(), List.of("ttlSeconds", "readinessTimeoutSeconds", "accessMode", "port", "apiKey")),
                Arguments.of("sft", "SFTTask", training + "checkpoint: {save_every: 10}\n", List.of("training", "data"),
                        List.of()),
                Arguments.of("lora_sft", "LoRASFTTask", """
                        model: {source: {identifier: org/base}}
                        lora: {r: 8, alpha: 16, dropout: 0.05, target_modules: [q_proj, v_proj]}
                        training: {max_steps: 10}
                        data: {dataset_name: imdb}
                        """, List.of("lora", "training", "data"), List.of()),
                Arguments.of("dpo", "DPOTask", """
                        model: {source: {identifier: org/base}}
                        training: {beta: 0.1}
                        data: {dataset_name: pairs, chosen_column: chosen, rejected_column: rejected}
                        """, List.of("training", "data"), List.of()),
                Arguments.of("ppo", "PPOTask", """
                        model: {source: {identifier: org/base, revision: main}}
                        training: {learning_rate: 1.41e-5, batch_size: 4, target_kl: 0.1, early_stopping: true, log_with: wandb}
                        generation: {max_new_tokens: 16, temperature: 1.0}
                        reward_model: {identifier: org/sentiment, type: sentiment}
                        data: {prompts: [Hello]}
                        """, List.of("training", "generation", "reward_model", "data"), List.of()),
                Arguments.of("image_classification", "ImageClassificationTask", training, List.of("training", "data"),
                        List.of()),
                Arguments.of("image_classification_training", "ImageClassificationTask", training,
                        List.of("training", "data"), List.of()),
                Arguments.of("agent", "AgentTask", """
                        configName: researcher
                        task: Collect three papers
                        agent: {timeout: 300, tools: [search]}
                        data: {type: list, items: [a]}
                        """, List.of("agent", "data"), List.of()),
                Arguments.of("api", "APITask", """
                        api:
                          url: https://example.invalid/x
                          method: POST
                          headers: {Authorization: "Bearer ${TOKEN}"}
                          response: {parse_json: true}
                        """, List.of("api"), List.of()),
                Arguments.of("echo", "EchoTask", """
                        data: {type: list, items: [hi]}
                        """, List.of("data"), List.of()),
                Arguments.of("rag", "RAGTask", """
                        qdrant: {url: "http://localhost:6333", collection: docs}
                        embedding: {model: BAAI/bge-small-en}
                        search: {top_k: 3}
                        query: what is flowmesh?
                        """, List.of("qdrant", "embedding", "search"), List.of("query")),
                Arguments.of("data_profiling", "DataTask", """
                        data: {type: dataset, url: "file:///d.csv"}
                        """, List.of("data"), List.of()),
                Arguments.of("data_retrieval", "DataTask", """
                        data: {type: search, url: "https://example.invalid/q"}
                        """, List.of("data"), List.of()),
                Arguments.of("ssh", "SSHTask", """
                        interactive: false
                        image: ubuntu:24.04
                        user: me
                        command: [uptime]
                        ttlSeconds: 600
                        idleTimeoutSeconds: 60.5
                        accessMode: direct
                        sshOutput: {mountPath: /out, maxBytes: "${limits.bytes}"}
                        env: {A: "1"}
                        """, List.of(), List.of("interactive", "image", "user", "command", "ttlSeconds",
                        "idleTimeoutSeconds", "accessMode", "sshOutput", "env")),
                Arguments.of("python", "PythonTask", """
                        code: |
                          def main(inputs):
                              return {"metrics": {"x": 1}}
                        entrypoint: main
                        timeoutSeconds: 120
                        network: bridge
                        requirements: [numpy]
                        emits: [x]
                        pythonOutput: {maxBytes: 1024}
                        """, List.of(), List.of("code", "entrypoint", "timeoutSeconds", "network", "requirements",
                        "emits", "pythonOutput")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("taskTypes")
    void parsesEveryTaskType(String taskType, String kind, String specBody, List<String> sections, List<String> fields) {
        String yaml = "apiVersion: flowmesh/v1\nkind: " + kind + "\nmetadata:\n  name: " + taskType.replace('_', '-')
                + "-demo\n  owner: me\n  annotations: {description: demo}\nspec:\n  taskType: " + taskType
                + "\n  resources:\n    hardware: {cpu: \"4\", memory: 16Gi, gpu: {count: 1}}\n" + specBody.indent(2);

        ParseOutcome outcome = PARSER.parse(yaml, taskType + ".yaml");

        assertThat(outcome).as("outcome of %s: %s", taskType, outcome).isInstanceOf(ParseOutcome.Parsed.class);
        assertThat(outcome.warnings()).as("warnings").isEmpty();
        Workflow workflow = ((ParseOutcome.Parsed) outcome).workflow();
        assertThat(workflow.kind()).isEqualTo(kind);
        assertThat(workflow.metadata().annotations()).containsEntry("description", "demo");
        assertThat(workflow.spec().taskType()).isEqualTo(taskType);
        assertThat(workflow.spec().resources().hardware()).isEqualTo(new Hardware("4", "16Gi", new Gpu(null, 1, null)));
        assertThat(workflow.spec().sections().keySet()).as("open sections in template order")
                .containsExactlyElementsOf(sections);
        assertThat(workflow.spec().fields().keySet()).as("the task type's own fields in template order")
                .containsExactlyElementsOf(fields);
    }

    @Test
    void bindsEveryStructuredSectionAndKeepsOpenValuesTyped() {
        String yaml = """
                apiVersion: flowmesh/v1
                kind: InferenceTask
                metadata:
                  name: full
                  project: papers
                  annotations: {schedule_hint: {node_schedule_in_epoch_order: false}}
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
                      gpu: {type: A100, count: 2, memory: 85899345920.5}
                    estimatedLoad: 3
                  shard: {count: 3, strategy: round_robin}
                  inference: {top_k: 40, top_p: 0.9, seed: 123456789012345678901234567890, stop: null,
                              response_format: {type: json_schema, schema: {type: object}}}
                  checkpoint: {load: "${train.output}"}
                  output:
                    destination: {type: http, url: "https://example.invalid/up", method: PUT, timeoutSec: 30, headers: {X-A: b}}
                    artifacts: [results.json]
                """;

        ParseOutcome outcome = PARSER.parse(yaml, "full.yaml");

        assertThat(outcome).as("%s", outcome).isInstanceOf(ParseOutcome.Parsed.class);
        TaskSpec spec = ((ParseOutcome.Parsed) outcome).workflow().spec();
        assertThat(((ParseOutcome.Parsed) outcome).workflow().metadata())
                .isEqualTo(new Metadata("full", null, "papers",
                        Map.of("schedule_hint", Map.of("node_schedule_in_epoch_order", false))));
        assertThat(spec.enforceCpu()).isFalse();
        assertThat(spec.model().source()).isEqualTo(new ModelSource("huggingface", "org/m", "abc", true));
        assertThat(spec.model().transformers()).containsEntry("torch_dtype", "bfloat16");
        assertThat(spec.model().vllm()).isEmpty();
        assertThat(spec.model().adapters()).containsExactly(
                new Adapter("lora", "a1", null, "runtime", null, "https://example.invalid/a.tar.gz", null, "tar.gz",
                        Map.of("Authorization", "Bearer ${HF_TOKEN}")),
                new Adapter("lora", null, null, null, null, null, "${train.result.final_lora}", null, Map.of()));
        assertThat(spec.resources()).isEqualTo(new Resources(new Hardware("8", "64G", new Gpu("A100", 2, "85899345920")), 3));
        assertThat(spec.shard()).isEqualTo(new Shard(3, "round_robin"));
        Map<String, Object> inference = spec.section("inference");
        assertThat(inference.get("top_k")).isEqualTo(40L);
        assertThat(inference.get("top_p")).isEqualTo(0.9);
        assertThat(inference.get("seed")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(inference).containsEntry("stop", null);
        assertThat(inference.get("response_format")).isEqualTo(Map.of("type", "json_schema", "schema", Map.of("type", "object")));
        assertThat(spec.checkpoint()).isEqualTo(new Checkpoint("${train.output}"));
        assertThat(spec.output()).isEqualTo(new Output(new Destination("http", "https://example.invalid/up", "PUT", 30L,
                Map.of("X-A", "b")), List.of("results.json")));
        assertThat(spec.stages()).isEmpty();
        assertThat(spec.graphNodes()).isEmpty();
    }

    @Test
    void bindsEachStageWithTheWorkflowSpecMergedIn() {
        String yaml = """
                apiVersion: flowmesh/v1
                kind: Workflow
                metadata: {name: multi}
                spec:
                  resources: {hardware: {cpu: "2", memory: 4Gi}}
                  model: {source: {identifier: org/base}, config: {bf16: true}}
                  training: {max_steps: 10}
                  stages:
                    - name: lora-train
                      spec: {taskType: lora_sft, lora: {r: 4}, training: {learning_rate: 0.001}}
                    - id: sft
                      spec: {taskType: sft, resources: {hardware: {cpu: "4"}}}
                """;

        ParseOutcome outcome = PARSER.parse(yaml, "multi.yaml");

        assertThat(outcome).as("%s", outcome).isInstanceOf(ParseOutcome.Parsed.class);
        TaskSpec spec = ((ParseOutcome.Parsed) outcome).workflow().spec();
        assertThat(spec.taskType()).isNull();
        assertThat(spec.model()).as("the workflow's spec lives in its stages").isNull();
        assertThat(spec.stages()).extracting(Stage::name).containsExactly("lora-train", "sft");
        assertThat(spec.stages().get(1).dependsOn()).as("a stage without dependsOn waits for the one before")
                .containsExactly("lora-train");
        TaskSpec train = spec.stages().get(0).spec();
        assertThat(train.section("lora")).containsEntry("r", 4L);
        assertThat(train.section("training")).isEqualTo(Map.of("max_steps", 10L, "learning_rate", 0.001));
        assertThat(train.model().config()).containsEntry("bf16", true);
        assertThat(spec.stages().get(1).spec().resources().hardware()).isEqualTo(new Hardware("4", "4Gi", null));
    }

    @Test
    void bindsGraphNodesNamedByIdOrPosition() {
        String yaml = """
                apiVersion: flowmesh/v1
                kind: Workflow
                spec:
                  taskType: echo
                  graph:
                    nodes:
                      - {id: first, spec: {data: {items: [a]}}}
                      - {dependsOn: [first]}
                """;

        ParseOutcome outcome = PARSER.parse(yaml, "graph.yaml");

        assertThat(outcome).as("%s", outcome).isInstanceOf(ParseOutcome.Parsed.class);
        Workflow workflow = ((ParseOutcome.Parsed) outcome).workflow();
        assertThat(workflow.metadata()).isEqualTo(new Metadata(null, null, null, Map.of()));
        assertThat(workflow.spec().graphNodes()).extracting(Stage::name).containsExactly("first", "node-2");
        assertThat(workflow.spec().graphNodes()).extracting(stage -> stage.spec().taskType()).containsOnly("echo");
        assertThat(workflow.spec().graphNodes().get(1).dependsOn()).containsExactly("first");
        assertThat(workflow.spec().graphNodes().get(0).dependsOn()).isEmpty();
    }
}
