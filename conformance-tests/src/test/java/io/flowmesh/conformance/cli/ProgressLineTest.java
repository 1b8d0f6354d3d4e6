package io.flowmesh.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;

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
    void templatesDoneWithinATenthOfASecondRedrawOnceButTheLastAlwaysDraws() {
        StringWriter err = new StringWriter();
        Iterator<Duration> clock = List.of(Duration.ofMillis(0), Duration.ofMillis(40),
                Duration.ofMillis(150), Duration.ofMillis(160)).iterator();
        ProgressLine line = new ProgressLine(new PrintWriter(err), clock::next);

        for (int done = 1; done <= 4; done++) {
            line.templateDone(done, 4);
        }

        assertThat(err.toString()).isEqualTo("\r1/4 templates, 0 s\r3/4 templates, 0 s\r4/4 templates, 0 s"
                + System.lineSeparator());
    }

    @Test
    void quietOrPipedRunsPrintNothing() {
        StringWriter err = new StringWriter();

        ProgressLine.on(new PrintWriter(err), true).templateDone(1, 1);

        assertThat(err.toString()).isEmpty();
    }
}
