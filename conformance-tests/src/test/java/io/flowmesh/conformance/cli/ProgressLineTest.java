package io.flowmesh.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void theLineIsRewrittenInPlaceAndEndsWhenTheLastTemplateIsDone() {
        StringWriter err = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(err), () -> Duration.ofMillis(7_400));

        line.templateDone(1, 2);
        line.templateDone(2, 2);

        assertThat(err.toString()).isEqualTo("\r1/2 templates, 7 s\r2/2 templates, 7 s" + System.lineSeparator());
    }

    @Test
    void quietOrPipedRunsPrintNothing() {
        StringWriter err = new StringWriter();

        ProgressLine.on(new PrintWriter(err), true).templateDone(1, 1);

        assertThat(err.toString()).isEmpty();
    }
}
