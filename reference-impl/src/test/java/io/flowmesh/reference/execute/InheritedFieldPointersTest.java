package io.flowmesh.reference.execute;

import static io.flowmesh.reference.execute.TemplateRuns.completed;
import static io.flowmesh.reference.execute.TemplateRuns.lineOf;
import static io.flowmesh.reference.execute.TemplateRuns.onlyViolation;
import static io.flowmesh.reference.execute.TemplateRuns.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.RunResult;

/**
 * A stage inherits the workflow's whole spec; a diagnostic about an inherited field names the field
 * where the template writes it, under {@code /spec}, so the author edits the right line.
 */
class InheritedFieldPointersTest {

    /** Two vLLM stages on a model written once, for both; {@code %s} is the shared revision. */
    private static final String TWO_STAGES = """
            apiVersion: flowmesh/v1
            kind: Workflow
            metadata: {name: inherited-pointers}
            spec:
              taskType: inference
              model:
                source: {type: huggingface, identifier: Qwen/Qwen2.5-0.5B-Instruct, revision: %s}
                vllm: {max_model_len: 512, convert: embed}
              resources:
                hardware: {cpu: "8", memory: 32Gi, gpu: {type: any, count: 1}}
              inference: {temperature: 0.0, max_tokens: 4}
              stages:
                - name: first
                  spec:
                    data: {type: list, items: ["Hello"]}
                - name: second
                  spec:
                    data: {type: list, items: ["World"]}
            """;

    @Nested
    class RunTimeProblems {

        @Test
        void anUnknownInheritedRevisionIsReportedWhereItIsWritten() {
            // given a revision the model store does not know, written once for both stages
            String yaml = TWO_STAGES.formatted("no-such-branch");

            // when
            Diagnostic violation = onlyViolation(rejected(yaml));

            // then
            assertThat(violation.pointer()).isEqualTo("/spec/model/source/revision");
            assertThat(violation.line()).isEqualTo(lineOf(yaml, "revision: no-such-branch"));
        }

        @Test
        void aProblemWithAStagesOwnFieldIsReportedInTheStage() {
            // given the second stage refers to a stage that never ran
            String yaml = TWO_STAGES.formatted("main").replace("items: [\"World\"]", "items: [\"${ghost.text}\"]");

            // when
            Diagnostic violation = onlyViolation(rejected(yaml));

            // then
            assertThat(violation.pointer()).isEqualTo("/spec/stages/1/spec/data/items/0");
        }
    }

    @Nested
    class NoEffectWarnings {

        @Test
        void anInheritedKeyNoStageReadsIsWarnedOnceWhereItIsWritten() {
            // given model.vllm.convert (upstream ignores it), written once and inherited by both stages
            RunResult.Completed run = completed(TWO_STAGES.formatted("main"));

            // when
            var warnings = run.warnings().stream().filter(w -> w.code().equals(UnconsumedKeys.CODE)).toList();

            // then
            assertThat(warnings).extracting(Diagnostic::pointer).containsExactly("/spec/model/vllm/convert");
        }
    }
}
