package io.flowmesh.reference.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.flowmesh.conformance.spi.Diagnostic;

/**
 * What upstream FlowMesh's parser accepts and rejects, gap by gap (issue 8). Templates start with a
 * four-line envelope ({@code apiVersion}, {@code kind}, {@code metadata}, {@code spec:}), so the
 * spec's first line is line 5. Every reject names its line, pointer and code.
 */
class UpstreamContractTests {

    private static final WorkflowParser PARSER = new WorkflowParser();

    /** A template whose spec is the given text; the spec's first line is line 5. */
    private static String template(String spec) {
        return "apiVersion: flowmesh/v1\nkind: Workflow\nmetadata: {name: t}\nspec:\n" + spec.indent(2);
    }

    private static ParseOutcome.Parsed accepted(String yaml) {
        ParseOutcome outcome = PARSER.parse(yaml, "t.yaml");
        assertThat(outcome).as("upstream accepts it: %s", outcome).isInstanceOf(ParseOutcome.Parsed.class);
        return (ParseOutcome.Parsed) outcome;
    }

    private static Diagnostic rejected(String yaml) {
        ParseOutcome outcome = PARSER.parse(yaml, "t.yaml");
        assertThat(outcome).as("upstream rejects it: %s", outcome).isInstanceOf(ParseOutcome.Invalid.class);
        List<Diagnostic> violations = ((ParseOutcome.Invalid) outcome).violations();
        assertThat(violations).as("violations").hasSize(1);
        return violations.get(0);
    }

    private static void assertAt(Diagnostic violation, int line, String pointer, String code) {
        assertThat(violation.line()).as("line of %s", violation).isEqualTo(line);
        assertThat(violation.pointer()).as("pointer of %s", violation).isEqualTo(pointer);
        assertThat(violation.code()).as("code of %s", violation).isEqualTo(code);
        assertThat(violation.source()).isEqualTo("t.yaml");
    }

    @Nested
    class Envelope {

        @Test
        void kindAndApiVersionArePlainStrings() {
            Workflow workflow = accepted("apiVersion: flowmesh/v2alpha\nkind: WhateverTask\nspec: {taskType: echo}\n")
                    .workflow();
            assertThat(workflow.apiVersion()).isEqualTo("flowmesh/v2alpha");
            assertThat(workflow.kind()).isEqualTo("WhateverTask");
        }

        @Test
        void aKindThatIsNotAStringIsRejected() {
            assertAt(rejected("apiVersion: flowmesh/v1\nkind: 3\nspec: {taskType: echo}\n"), 2, "/kind", "schema.type");
        }

        @Test
        void metadataAndEveryPartOfItAreOptionalAndAnnotationsHoldObjects() {
            Workflow workflow = accepted("""
                    apiVersion: flowmesh/v1
                    kind: EchoTask
                    metadata:
                      annotations:
                        description: demo
                        schedule_hint: {node_schedule_in_epoch_order: false}
                    spec: {taskType: echo}
                    """).workflow();
            assertThat(workflow.metadata().name()).isNull();
            assertThat(workflow.metadata().annotations()).containsEntry("schedule_hint",
                    Map.of("node_schedule_in_epoch_order", false));
        }

        @Test
        void labelsAreRejectedAsUpstreamsMetadataHasNone() {
            Diagnostic violation = rejected("apiVersion: flowmesh/v1\nkind: EchoTask\nmetadata:\n  labels: {a: b}\n"
                    + "spec: {taskType: echo}\n");
            assertAt(violation, 4, "/metadata/labels", "schema.unknown-key");
        }
    }

    @Nested
    class StagesAndGraphNodes {

        @Test
        void aStageInheritsTheWholeSpecTaskTypeAndOutputIncluded() {
            TaskSpec stage = accepted(template("""
                    taskType: echo
                    output: {destination: {type: http, url: "https://example.invalid/hook"}}
                    stages:
                      - name: only
                        spec: {data: {items: [a]}}
                    """)).workflow().spec().stages().get(0).spec();
            assertThat(stage.taskType()).isEqualTo("echo");
            assertThat(stage.output().destination().url()).isEqualTo("https://example.invalid/hook");
        }

        @Test
        void aStageNeedsNeitherNameNorSpec() {
            List<Stage> stages = accepted(template("""
                    taskType: echo
                    stages:
                      - {}
                      - id: second
                    """)).workflow().spec().stages();
            assertThat(stages).extracting(Stage::name).containsExactly("stage-1", "second");
        }

        @Test
        void stagesTogetherWithAGraphAreRejected() {
            Diagnostic violation = rejected(template("""
                    taskType: echo
                    stages: [{name: a}]
                    graph:
                      nodes: [{name: b}]
                    """));
            assertAt(violation, 7, "/spec/graph", "workflow.stages-and-graph");
        }

        @Test
        void anInheritedKeyTheStagesTaskTypeLacksIsRejectedWhereItIsWritten() {
            Diagnostic violation = rejected(template("""
                    lora: {r: 8}
                    stages:
                      - name: speak
                        spec: {taskType: echo}
                    """));
            assertAt(violation, 5, "/spec/lora", "schema.unknown-key");
            assertThat(violation.message()).endsWith("(stage 'speak')");
        }

        @Test
        void aStageWithoutATaskTypeAnywhereIsRejectedAtItsSpec() {
            Diagnostic violation = rejected(template("""
                    stages:
                      - name: lost
                        spec: {data: {items: [a]}}
                    """));
            assertAt(violation, 7, "/spec/stages/0/spec", "schema.required");
        }

        @Test
        void aNodeTakesOnlyNameIdSpecAndDependsOn() {
            Diagnostic violation = rejected(template("""
                    taskType: echo
                    stages:
                      - name: a
                        replicas: 2
                    """));
            assertAt(violation, 8, "/spec/stages/0/replicas", "schema.unknown-key");
        }

        @Test
        void twoStagesWithOneNameAreRejected() {
            Diagnostic violation = rejected(template("""
                    taskType: echo
                    stages:
                      - name: a
                      - name: a
                    """));
            assertAt(violation, 8, "/spec/stages/1/name", "workflow.duplicate-name");
        }

        @Test
        void aGraphCycleIsRejected() {
            Diagnostic violation = rejected(template("""
                    taskType: echo
                    graph:
                      nodes:
                        - {name: a, dependsOn: [b]}
                        - {name: b, dependsOn: [a]}
                    """));
            assertAt(violation, 7, "/spec/graph/nodes", "workflow.cycle");
        }
    }

    @Nested
    class TaskTypes {

        @Test
        void aTaskTypeUpstreamLacksIsRejected() {
            assertAt(rejected(template("taskType: omni\n")), 5, "/spec/taskType", "schema.enum");
        }

        @Test
        void sshTakesItsOwnFieldsAndNoSshSection() {
            accepted(template("""
                    taskType: ssh
                    user: me
                    authorizedKeys: ["ssh-ed25519 AAAA me@laptop"]
                    ttlSeconds: 3600
                    accessMode: forward
                    inputs: [{stage: prep, mountPath: /in}]
                    dependsOn: [prep]
                    """));
            assertAt(rejected(template("taskType: ssh\nssh: {host: h}\n")), 6, "/spec/ssh", "schema.unknown-key");
        }

        @Test
        void anInteractiveSshSessionRunsNoCommand() {
            Diagnostic violation = rejected(template("""
                    taskType: ssh
                    interactive: true
                    authorizedKeys: [k]
                    command: [uptime]
                    """));
            assertAt(violation, 6, "/spec/interactive", "spec.ssh-interactive");
        }

        @Test
        void sshInputsComeFromDeclaredDependencies() {
            Diagnostic violation = rejected(template("""
                    taskType: ssh
                    command: [ls]
                    dependsOn: [a]
                    inputs: [{stage: b}]
                    """));
            assertAt(violation, 8, "/spec/inputs/0/stage", "spec.stage-inputs");
        }

        @Test
        void serveTakesAccessModeApiKeyAndTtl() {
            TaskSpec spec = accepted(template("""
                    taskType: serve
                    resources: {hardware: {gpu: {count: 1}}}
                    accessMode: direct
                    apiKey: secret
                    ttlSeconds: 60.5
                    """)).workflow().spec();
            assertThat(spec.fields()).containsEntry("apiKey", "secret").containsEntry("ttlSeconds", 60.5);
        }

        @Test
        void pythonTakesCodeEntrypointEmitsAndTimeout() {
            TaskSpec spec = accepted(template("""
                    taskType: python
                    code: "def main(): return {}"
                    entrypoint: main
                    emits: [score]
                    timeoutSeconds: 30
                    """)).workflow().spec();
            assertThat(spec.fields()).containsEntry("entrypoint", "main").containsEntry("emits", List.of("score"));
        }

        @Test
        void aPythonEntrypointMustBeAnIdentifier() {
            Diagnostic violation = rejected(template("taskType: python\ncode: x = 1\nentrypoint: not-a-name\n"));
            assertAt(violation, 7, "/spec/entrypoint", "spec.python");
        }

        @Test
        void pythonCodeIsRequired() {
            assertAt(rejected(template("taskType: python\n")), 4, "/spec", "schema.required");
        }

        @Test
        void omniTakesItsOmniSectionAndPostprocess() {
            TaskSpec spec = accepted(template("""
                    taskType: omni_text2audio
                    omni: {duration_seconds: 10}
                    postprocess: {normalize: true}
                    """)).workflow().spec();
            assertThat(spec.section("omni")).containsEntry("duration_seconds", 10L);
        }

        @Test
        void imageClassificationIsATrainingTask() {
            accepted(template("taskType: image_classification_training\ntraining: {num_train_epochs: 1}\n"));
            assertAt(rejected(template("taskType: image_classification\ninference: {top_k: 3}\n")), 6,
                    "/spec/inference", "schema.unknown-key");
        }

        @Test
        void aConditionNamesATaskThisOneDependsOn() {
            accepted(template("""
                    taskType: echo
                    stages:
                      - name: check
                      - name: act
                        spec:
                          condition: {node: check, field: items.0.output, equals: "yes"}
                    """));
            Diagnostic violation = rejected(template("""
                    taskType: echo
                    condition: {node: elsewhere, field: a, equals: b}
                    """));
            assertAt(violation, 6, "/spec/condition/node", "workflow.condition-node");
        }

        @Test
        void checkpointIsAFreeMapAndResourcesTakeAnEstimatedLoad() {
            TaskSpec spec = accepted(template("""
                    taskType: sft
                    checkpoint: {load: /ckpt, every_steps: 100}
                    resources: {estimatedLoad: 5}
                    """)).workflow().spec();
            assertThat(spec.checkpoint().load()).isEqualTo("/ckpt");
            assertThat(spec.resources().estimatedLoad()).isEqualTo(5);
        }
    }

    @Nested
    class Gpus {

        @Test
        void vllmInferenceWithoutAGpuIsRejected() {
            Diagnostic violation = rejected(template("""
                    taskType: inference
                    model: {vllm: {max_model_len: 512}}
                    resources: {hardware: {cpu: "4"}}
                    """));
            assertAt(violation, 7, "/spec/resources/hardware", "spec.needs-gpu");
        }

        @Test
        void vllmInferenceWithAGpuAndTransformersInferenceWithoutOneAreAccepted() {
            accepted(template("taskType: inference\nmodel: {vllm: {max_model_len: 512}}\nresources: {hardware: {gpu: {count: 1}}}\n"));
            accepted(template("taskType: inference\nmodel: {transformers: {torch_dtype: float32}}\n"));
        }

        @Test
        void serveWithoutAGpuIsRejected() {
            Diagnostic violation = rejected(template("taskType: serve\nresources: {hardware: {gpu: {count: 0}}}\n"));
            assertAt(violation, 6, "/spec/resources/hardware/gpu/count", "spec.needs-gpu");
        }

        @Test
        void enforceCpuWithAVllmModelIsRejected() {
            Diagnostic violation = rejected(template("taskType: inference\nenforce_cpu: true\nmodel: {vllm: {dtype: auto}}\n"));
            assertAt(violation, 6, "/spec/enforce_cpu", "spec.cpu-with-vllm");
        }

        @Test
        void aGpuTypeIsAnyString() {
            accepted(template("taskType: echo\nresources: {hardware: {gpu: {type: auto, count: 1}}}\n"));
        }
    }

    @Nested
    class Output {

        @Test
        void anHttpDestinationTakesMethodFreeHeadersAndAFloatOrPlaceholderTimeout() {
            Destination destination = accepted(template("""
                    taskType: echo
                    output:
                      destination:
                        type: http
                        url: https://example.invalid/hook
                        method: PUT
                        headers: {X-Retries: 3}
                        timeoutSec: 2.5
                    """)).workflow().spec().output().destination();
            assertThat(destination).isEqualTo(new Destination("http", "https://example.invalid/hook", "PUT", 2.5,
                    Map.of("X-Retries", "3")));
            accepted(template("taskType: echo\noutput: {destination: {type: http, timeoutSec: \"${cfg.timeout}\"}}\n"));
        }

        @Test
        void aLocalDestinationTakesOnlyItsType() {
            Diagnostic violation = rejected(template("taskType: echo\noutput:\n  destination: {type: local, path: /out}\n"));
            assertAt(violation, 7, "/spec/output/destination/path", "schema.unknown-key");
            assertThat(violation.message()).isEqualTo("unknown key 'path' (allowed: type)");
        }

        @Test
        void aDestinationNamesItsType() {
            Diagnostic violation = rejected(template("taskType: echo\noutput:\n  destination: {url: x}\n"));
            assertAt(violation, 7, "/spec/output/destination", "schema.required");
        }
    }

    @Nested
    class Quantities {

        @Test
        void memoryIsAnIntegerOrKmgtWithOptionalIAndBInAnyCase() {
            for (String memory : List.of("16GB", "512MB", "16", "16gib", "16Gi", "2t", "64 Ki")) {
                accepted(template("taskType: echo\nresources: {hardware: {memory: \"" + memory + "\"}}\n"));
            }
            TaskSpec spec = accepted(template("taskType: echo\nresources: {hardware: {memory: 17179869184}}\n"))
                    .workflow().spec();
            assertThat(spec.resources().hardware().memory()).isEqualTo("17179869184");
        }

        @Test
        void aFractionalMemoryQuantityIsRejected() {
            Diagnostic violation = rejected(template("taskType: echo\nresources: {hardware: {memory: 1.5Gi}}\n"));
            assertAt(violation, 6, "/spec/resources/hardware/memory", "schema.pattern");
        }

        @Test
        void gpuMemoryIsAStringAnIntegerOrAFloat() {
            for (String memory : List.of("\"24GB\"", "25769803776", "25769803776.0")) {
                accepted(template("taskType: echo\nresources: {hardware: {gpu: {count: 1, memory: " + memory + "}}}\n"));
            }
        }
    }

    @Nested
    class Placeholders {

        @Test
        void aWholeValuePlaceholderIsAcceptedInTypedIntBoolAndFloatFields() {
            accepted(template("""
                    taskType: inference
                    enforce_cpu: "${cfg.cpu}"
                    model:
                      source: {identifier: org/m, trust_remote_code: "${cfg.trust}"}
                      adapters: [{type: lora, id: "${cfg.id}", path: /a}]
                    resources: {hardware: {gpu: {count: 1}}}
                    output: {destination: {type: http, timeoutSec: "${cfg.timeout}"}}
                    """));
        }

        @Test
        void aPartialPlaceholderInATypedFieldIsRejected() {
            Diagnostic violation = rejected(template("taskType: inference\nenforce_cpu: \"${cfg.cpu} please\"\n"));
            assertAt(violation, 6, "/spec/enforce_cpu", "schema.type");
            assertThat(violation.message()).isEqualTo(
                    "expected a boolean, or a whole-value ${...} placeholder, found '${cfg.cpu} please'");
        }
    }

    @Nested
    class LegacyFields {

        @Test
        void parallelIsAcceptedWholeWithAWarning() {
            ParseOutcome.Parsed parsed = accepted(template("taskType: inference\nparallel: {enabled: true, max_shards: 4}\n"));
            assertThat(parsed.warnings()).singleElement().satisfies(w -> {
                assertThat(w.code()).isEqualTo("legacy.no-effect");
                assertThat(w.pointer()).isEqualTo("/spec/parallel");
                assertThat(w.line()).isEqualTo(6);
            });
        }

        @Test
        void sloSecondsMayBeAPlaceholder() {
            ParseOutcome.Parsed parsed = accepted(template("taskType: lora_sft\nsloSeconds: \"${cfg.slo}\"\n"));
            assertThat(parsed.warnings()).extracting(Diagnostic::pointer).containsExactly("/spec/sloSeconds");
        }

        @Test
        void replicasInAStageIsAWarning() {
            ParseOutcome.Parsed parsed = accepted(template("""
                    taskType: echo
                    stages:
                      - name: a
                        spec: {resources: {replicas: 2}}
                    """));
            assertThat(parsed.warnings()).singleElement().satisfies(w -> {
                assertThat(w.pointer()).isEqualTo("/spec/stages/0/spec/resources/replicas");
                assertThat(w.line()).isEqualTo(8);
                assertThat(w.declaresNoEffect()).isTrue();
            });
        }

        @Test
        void adapterKwargsIsAWarningNamingItsReplacementAndTheTypeIsAnyString() {
            ParseOutcome.Parsed parsed = accepted(template("""
                    taskType: inference
                    resources: {hardware: {gpu: {count: 1}}}
                    model:
                      adapters:
                        - type: peft
                          path: /adapters/a
                          kwargs: {revision: v2}
                    """));
            assertThat(parsed.warnings()).singleElement().satisfies(w -> {
                assertThat(w.code()).isEqualTo("legacy.no-effect");
                assertThat(w.pointer()).isEqualTo("/spec/model/adapters/0/kwargs");
                assertThat(w.line()).isEqualTo(11);
                assertThat(w.message()).contains("kwargs has no runtime effect").contains("url").contains("task_id");
            });
            assertThat(parsed.workflow().spec().model().adapters().get(0).type()).isEqualTo("peft");
        }
    }

    @Nested
    class DuplicateKeys {

        @Test
        void theLastValueWinsAndTheShadowedOneIsAWarningNamingBothLines() {
            ParseOutcome.Parsed parsed = accepted(template("""
                    taskType: echo
                    data: {items: [first]}
                    data: {items: [second]}
                    """));
            assertThat(parsed.workflow().spec().section("data")).isEqualTo(Map.of("items", List.of("second")));
            assertThat(parsed.warnings()).singleElement().satisfies(w -> {
                assertThat(w.code()).isEqualTo("yaml.duplicate-key.no-effect");
                assertThat(w.pointer()).isEqualTo("/spec/data");
                assertThat(w.line()).isEqualTo(7);
                assertThat(w.message()).isEqualTo("duplicate key 'data': the value at line 6 has no effect, the one at"
                        + " line 7 replaces it (YAML keeps the last); remove one of them");
            });
        }
    }
}
