package io.flowmesh.reference.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.flowmesh.conformance.spi.Diagnostic;

class LegacyFieldWarningsTest {

    private static final WorkflowParser PARSER = new WorkflowParser();

    private static ParseOutcome.Parsed parsed(String yaml) {
        ParseOutcome outcome = PARSER.parse(yaml, "legacy.yaml");
        assertThat(outcome).as("legacy fields are accepted: %s", outcome).isInstanceOf(ParseOutcome.Parsed.class);
        return (ParseOutcome.Parsed) outcome;
    }

    @Test
    void warnsAboutReplicas() {
        ParseOutcome.Parsed parsed = parsed("""
                apiVersion: flowmesh/v1
                kind: InferenceTask
                metadata: {name: replicas}
                spec:
                  taskType: inference
                  resources:
                    replicas: 1
                    hardware: {cpu: "4"}
                """);

        assertThat(parsed.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo("legacy.no-effect");
            assertThat(w.pointer()).isEqualTo("/spec/resources/replicas");
            assertThat(w.line()).isEqualTo(7);
            assertThat(w.column()).isEqualTo(5);
            assertThat(w.message()).contains("resources.replicas").contains("no runtime effect")
                    .contains("worker matching reads only resources.hardware");
        });
        assertThat(parsed.workflow().spec().resources()).isEqualTo(new Resources(new Hardware("4", null, null), 0));
    }

    @Test
    void warnsAboutSloSeconds() {
        ParseOutcome.Parsed parsed = parsed("""
                apiVersion: flowmesh/v1
                kind: InferenceTask
                metadata: {name: slo}
                spec:
                  taskType: inference
                  sloSeconds: 30
                """);

        assertThat(parsed.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo("legacy.no-effect");
            assertThat(w.pointer()).isEqualTo("/spec/sloSeconds");
            assertThat(w.line()).isEqualTo(6);
            assertThat(w.message()).contains("sloSeconds").contains("no runtime effect")
                    .contains("no dispatcher or selector reads it");
        });
    }

    @Test
    void warnsAboutParallel() {
        ParseOutcome.Parsed parsed = parsed("""
                apiVersion: flowmesh/v1
                kind: InferenceTask
                metadata: {name: parallel}
                spec:
                  taskType: inference
                  parallel:
                    max_shards: 4
                """);

        assertThat(parsed.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo("legacy.no-effect");
            assertThat(w.pointer()).isEqualTo("/spec/parallel");
            assertThat(w.line()).isEqualTo(6);
            assertThat(w.message()).contains("parallel").contains("no runtime effect").contains("use spec.shard for sharding");
        });
        assertThat(parsed.workflow().spec().sections()).as("legacy fields are not carried").isEmpty();
        assertThat(parsed.workflow().spec().shard()).isNull();
    }

    @Test
    void warnsAtEverySpecLevelInSourceOrder() {
        ParseOutcome.Parsed parsed = parsed("""
                apiVersion: flowmesh/v1
                kind: Workflow
                metadata: {name: levels}
                spec:
                  resources: {replicas: 2}
                  taskType: inference
                  stages:
                    - name: one
                      spec:
                        sloSeconds: 3
                    - name: two
                      spec:
                        parallel: {max_shards: 2}
                """);

        List<Diagnostic> warnings = parsed.warnings();
        assertThat(warnings).extracting(Diagnostic::pointer).containsExactly("/spec/resources/replicas",
                "/spec/stages/0/spec/sloSeconds", "/spec/stages/1/spec/parallel");
        assertThat(warnings).extracting(Diagnostic::line).containsExactly(5, 10, 13);
        assertThat(warnings).extracting(Diagnostic::code).containsOnly("legacy.no-effect");
    }

    @Test
    void keepsWarningsWhenTheTemplateIsRefused() {
        ParseOutcome outcome = PARSER.parse("""
                apiVersion: flowmesh/v1
                kind: InferenceTask
                metadata: {name: both}
                spec:
                  taskType: inference
                  sloSeconds: 1
                  temperature: 0.5
                """, "both.yaml");

        assertThat(outcome).isInstanceOf(ParseOutcome.Invalid.class);
        assertThat(outcome.warnings()).extracting(Diagnostic::pointer).containsExactly("/spec/sloSeconds");
        assertThat(((ParseOutcome.Invalid) outcome).violations()).extracting(Diagnostic::pointer)
                .containsExactly("/spec/temperature");
    }
}
