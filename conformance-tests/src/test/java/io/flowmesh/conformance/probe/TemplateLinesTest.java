package io.flowmesh.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowmesh.conformance.spi.Diagnostic;
import org.junit.jupiter.api.Test;

class TemplateLinesTest {

    private static final String TEMPLATE = """
            # a comment the probe's text does not keep
            kind: InferenceTask
            spec:

              inference:
                max_tokens: 32
                stop: [a, b]
            """;

    private final TemplateLines lines = TemplateLines.of(TEMPLATE);

    @Test
    void aWrittenFieldGetsItsLineInTheTemplate() {
        Diagnostic located = lines.locate(at("/spec/inference/max_tokens", 3, 9));

        assertThat(located.line()).as("line of max_tokens in the template, not in the probe's text").isEqualTo(6);
        assertThat(located.column()).as("column").isEqualTo(5);
        assertThat(located.message()).as("the rest is kept").isEqualTo("message");
    }

    @Test
    void aListItemGetsItsOwnPlace() {
        assertThat(lines.locate(at("/spec/inference/stop/1", 9, 9)).line()).isEqualTo(7);
    }

    @Test
    void aFieldTheProbeAddedIsPlacedAtTheNearestWrittenAncestor() {
        Diagnostic located = lines.locate(at("/spec/inference/seed/extra", 40, 2));

        assertThat(located.line()).as("the line of /spec/inference").isEqualTo(5);
    }

    @Test
    void aFieldUnderNothingWrittenIsPlacedAtTheDocument() {
        assertThat(lines.locate(at("/resources/replicas", 12, 3))).extracting(Diagnostic::line, Diagnostic::column)
                .containsExactly(1, 1);
    }

    @Test
    void aPointerThatIsNoPointerHasNoLine() {
        assertThat(lines.locate(at("spec.inference", 4, 4))).extracting(Diagnostic::line, Diagnostic::column)
                .containsExactly(0, 0);
    }

    private static Diagnostic at(String pointer, int line, int column) {
        return new Diagnostic("template", pointer, line, column, "code", "message");
    }
}
