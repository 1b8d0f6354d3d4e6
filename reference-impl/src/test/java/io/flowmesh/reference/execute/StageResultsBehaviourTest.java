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
 * Later stages read earlier stages' results as upstream's dispatcher renders them: a LoRA result's
 * {@code final_lora_archive} is an artifact the next stage downloads, an API result's {@code text}
 * is the answer.
 */
class StageResultsBehaviourTest {

    /** LoRA SFT, then inference with the adapter; {@code %s} is the adapter's source line. */
    private static final String LORA_THEN_INFERENCE = """
            apiVersion: flowmesh/v1
            kind: Workflow
            metadata: {name: lora-then-inference}
            spec:
              model:
                source: {type: huggingface, identifier: Qwen/Qwen2.5-0.5B-Instruct, revision: main}
              resources:
                hardware: {cpu: "8", memory: 32Gi, gpu: {type: any, count: 1}}
              stages:
                - name: lora-train
                  spec:
                    taskType: lora_sft
                    lora: {r: 8}
                    data: {prompts: [a, b]}
                - name: use
                  spec:
                    taskType: inference
                    model:
                      adapters:
                        - {type: lora, %s}
                    inference: {max_tokens: 4}
                    data: {type: list, items: [Hello]}
            """;

    @Nested
    class LoraArchive {

        private Object adapterHash(String source) {
            RunResult.Completed run = completed(LORA_THEN_INFERENCE.formatted(source));
            List<?> adapters = (List<?>) value(run, "lora", "use/adapters");
            return ((Map<?, ?>) adapters.get(0)).get("config_sha256");
        }

        @Test
        void theArchiveUrlLoadsTheAdapterTheTrainingStageSaved() {
            assertThat(adapterHash("url: \"${lora-train.final_lora_archive}\""))
                    .isEqualTo(adapterHash("task_id: lora-train"));
        }

        @Test
        void theEnvelopeFormOfEarlierTemplatesLoadsTheSameAdapter() {
            assertThat(adapterHash("url: \"${lora-train.result.final_lora_archive}\""))
                    .isEqualTo(adapterHash("path: \"${lora-train.final_lora}\""));
        }

        @Test
        void aResultFieldTheStageDoesNotPublishIsRefused() {
            RunResult.Rejected run = rejected(LORA_THEN_INFERENCE.formatted("url: \"${lora-train.final_model}\""));

            assertThat(onlyViolation(run).pointer()).isEqualTo("/spec/stages/1/spec/model/adapters/0/url");
            assertThat(onlyViolation(run).message()).contains("published no 'final_model'");
        }
    }

    @Nested
    class ApiText {

        private static final String TWO_CALLS = """
                apiVersion: flowmesh/v1
                kind: APITask
                metadata: {name: api}
                spec:
                  taskType: api
                  stages:
                    - name: first
                      spec:
                        api:
                          url: https://llm.example.com/v1/chat/completions
                          body: {messages: [{role: user, content: "Say hi"}]}
                          response: {parse_json: %s}
                    - name: second
                      spec:
                        api:
                          body: {messages: [{role: user, content: "Echo: ${first.text}"}]}
                """;

        @Test
        void aParsedAnswerIsTheMessageContent() {
            RunResult.Completed run = completed(TWO_CALLS.formatted("true"));

            assertThat(value(run, "api.response", "first/text")).isEqualTo("Stand-in reply to: Say hi");
            assertThat(value(run, "api.response", "second/text"))
                    .isEqualTo("Stand-in reply to: Echo: Stand-in reply to: Say hi");
        }

        @Test
        void anUnparsedAnswerIsTheRawBody() {
            RunResult.Completed run = completed(TWO_CALLS.formatted("false"));

            assertThat((String) value(run, "api.response", "first/text")).startsWith("{\"object\":\"chat.completion\"");
        }

        @Test
        void withoutAUrlTheRequestGoesToTheWorkersDefaultEndpoint() {
            RunResult.Completed run = completed(TWO_CALLS.formatted("true"));

            assertThat(value(run, "api.response", "second/url")).isEqualTo("${NEBULA_API_BASE_URL}/v1/chat/completions");
        }
    }
}
