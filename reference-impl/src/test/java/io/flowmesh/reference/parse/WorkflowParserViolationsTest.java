package io.flowmesh.reference.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.flowmesh.conformance.spi.Diagnostic;

class WorkflowParserViolationsTest {

    private static final WorkflowParser PARSER = new WorkflowParser();

    private static List<Diagnostic> violations(String yaml) {
        ParseOutcome outcome = PARSER.parse(yaml, "bad.yaml");
        assertThat(outcome).as("outcome: %s", outcome).isInstanceOf(ParseOutcome.Invalid.class);
        return ((ParseOutcome.Invalid) outcome).violations();
    }

    @Test
    void reportsAWrongTypeAtItsField() {
        List<Diagnostic> violations = violations("""
                apiVersion: flowmesh/v1
                kind: InferenceTask
                metadata:
                  name: typed
                spec:
                  taskType: inference
                  enforce_cpu: "yes please"
                """);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/spec/enforce_cpu");
            assertThat(v.code()).isEqualTo("schema.type");
            assertThat(v.line()).isEqualTo(7);
            assertThat(v.column()).isEqualTo(3);
            assertThat(v.message()).isEqualTo("expected a boolean, or a whole-value ${...} placeholder, found 'yes please'");
            assertThat(v.format()).isEqualTo("bad.yaml:7:3: /spec/enforce_cpu: expected a boolean, or a whole-value"
                    + " ${...} placeholder, found 'yes please' [schema.type]");
        });
    }

    @Test
    void reportsAMissingRequiredFieldAtTheObjectLackingIt() {
        List<Diagnostic> violations = violations("""
                apiVersion: flowmesh/v1
                kind: InferenceTask
                metadata:
                  name: no-adapter-type
                spec:
                  taskType: inference
                  resources: {hardware: {gpu: {count: 1}}}
                  model:
                    adapters:
                      - path: /adapters/a
                """);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/spec/model/adapters/0");
            assertThat(v.code()).isEqualTo("schema.required");
            assertThat(v.line()).isEqualTo(10);
            assertThat(v.message()).isEqualTo("missing required property 'type'");
        });
    }

    @Test
    void reportsAnUnknownMetadataKeyAtTheKey() {
        List<Diagnostic> violations = violations("""
                apiVersion: flowmesh/v1
                kind: EchoTask
                metadata:
                  name: meta
                  team: ml
                spec:
                  taskType: echo
                """);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/metadata/team");
            assertThat(v.code()).isEqualTo("schema.unknown-key");
            assertThat(v.line()).isEqualTo(5);
            assertThat(v.column()).isEqualTo(3);
            assertThat(v.message()).isEqualTo("unknown key 'team' (allowed: name, owner, project, annotations)");
        });
    }

    @Test
    void aMisspeltKeyOfAStrictSectionGetsTheNearestAllowedKeys() {
        List<Diagnostic> violations = violations("""
                apiVersion: flowmesh/v1
                kind: EchoTask
                metadata: {name: typo, ownr: me}
                spec:
                  taskType: echo
                  resorces: {}
                """);

        assertThat(violations).extracting(Diagnostic::message).containsExactly(
                "unknown key 'ownr'; did you mean 'owner'? (allowed: name, owner, project, annotations)",
                "unknown key 'resorces'; did you mean 'resources'? (allowed: taskType, resources, output, dependsOn,"
                        + " condition, shard, data)");
    }

    @Test
    void reportsAnUnknownModelSourceKeyAtTheKey() {
        List<Diagnostic> violations = violations("""
                apiVersion: flowmesh/v1
                kind: InferenceTask
                metadata: {name: src}
                spec:
                  taskType: inference
                  model:
                    source:
                      identifier: org/m
                      branch: main
                """);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/spec/model/source/branch");
            assertThat(v.code()).isEqualTo("schema.unknown-key");
            assertThat(v.line()).isEqualTo(9);
            assertThat(v.column()).isEqualTo(7);
            assertThat(v.message()).isEqualTo("unknown key 'branch' (allowed: type, identifier, revision, trust_remote_code)");
        });
    }

    @Test
    void acceptsAStageAdapterGivenByUrl() {
        ParseOutcome outcome = PARSER.parse("""
                apiVersion: flowmesh/v1
                kind: Workflow
                metadata: {name: lora-url}
                spec:
                  stages:
                    - name: infer
                      spec:
                        taskType: inference
                        resources: {hardware: {gpu: {count: 1}}}
                        model:
                          source: {identifier: org/base}
                          adapters:
                            - type: lora
                              url: https://example.invalid/adapter.tar.gz
                              archive_format: tar.gz
                              headers: {Authorization: "Bearer ${HF_TOKEN}"}
                """, "lora-url.yaml");

        assertThat(outcome).as("%s", outcome).isInstanceOf(ParseOutcome.Parsed.class);
        Adapter adapter = ((ParseOutcome.Parsed) outcome).workflow().spec().stages().get(0).spec().model().adapters().get(0);
        assertThat(adapter.url()).isEqualTo("https://example.invalid/adapter.tar.gz");
        assertThat(adapter.headers()).containsEntry("Authorization", "Bearer ${HF_TOKEN}");
    }

    @Test
    void refusesAnAdapterWithoutASource() {
        List<Diagnostic> violations = violations("""
                apiVersion: flowmesh/v1
                kind: InferenceTask
                metadata: {name: lora-none}
                spec:
                  taskType: inference
                  resources: {hardware: {gpu: {count: 1}}}
                  model:
                    source: {identifier: org/base}
                    adapters:
                      - type: lora
                        name: nowhere
                """);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/spec/model/adapters/0");
            assertThat(v.code()).isEqualTo("spec.adapter-source");
            assertThat(v.line()).isEqualTo(10);
            assertThat(v.message()).isEqualTo("adapter 'nowhere' specifies no path, url or task_id and cannot be loaded");
        });
    }

    @Test
    void refusesASpecWithoutATaskTypeOrStages() {
        List<Diagnostic> violations = violations("""
                apiVersion: flowmesh/v1
                kind: EchoTask
                metadata: {name: nothing}
                spec:
                  echo: {message: hi}
                """);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/spec");
            assertThat(v.line()).isEqualTo(4);
            assertThat(v.code()).isEqualTo("schema.required");
            assertThat(v.message()).isEqualTo("missing required property 'taskType'");
        });
    }

    @Test
    void reportsEveryViolationInSourceOrder() {
        List<Diagnostic> violations = violations("""
                apiVersion: 1
                kind: InferenceTask
                metadata: {name: [a]}
                spec:
                  taskType: inference
                  resources:
                    hardware: {cpu: lots, memory: 1.5Gi, gpu: {count: -1}}
                """);

        assertThat(violations).extracting(Diagnostic::pointer).containsExactly("/apiVersion", "/metadata/name",
                "/spec/resources/hardware/cpu", "/spec/resources/hardware/memory", "/spec/resources/hardware/gpu/count");
        assertThat(violations).extracting(Diagnostic::code).containsExactly("schema.type", "schema.type",
                "schema.pattern", "schema.pattern", "schema.minimum");
        assertThat(violations).extracting(Diagnostic::line).containsExactly(1, 3, 7, 7, 7);
    }

    @Test
    void refusesHostileYamlThroughTheParser() {
        List<Diagnostic> violations = violations("apiVersion: flowmesh/v1\nkind: !foo EchoTask\n");

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo("yaml.tag");
            assertThat(v.line()).isEqualTo(2);
        });
    }

    @Test
    void neverThrowsOnNullInput() {
        assertThat(PARSER.parse(null, null)).isInstanceOf(ParseOutcome.Invalid.class);
    }
}
