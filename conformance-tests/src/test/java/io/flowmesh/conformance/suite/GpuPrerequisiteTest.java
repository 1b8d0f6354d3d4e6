package io.flowmesh.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing GPU prerequisite is worded one way, printed, and a skip only when the run does not require GPUs. */
class GpuPrerequisiteTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private PrintStream previousErr;
    private String previousRequired;

    @BeforeEach
    void captureStderr() {
        previousErr = System.err;
        previousRequired = System.getProperty(GpuPrerequisite.REQUIRED);
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(previousErr);
        if (previousRequired == null) {
            System.clearProperty(GpuPrerequisite.REQUIRED);
        } else {
            System.setProperty(GpuPrerequisite.REQUIRED, previousRequired);
        }
    }

    @Test
    void aMissingPrerequisiteSkipsTheTestAndIsPrinted() {
        System.clearProperty(GpuPrerequisite.REQUIRED);

        assertThatThrownBy(() -> GpuPrerequisite.unmet("no NVIDIA GPU"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessage("GPU prerequisite missing: no NVIDIA GPU (skipped; -Dconformance.gpu.required=true fails instead)");
        assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo("GPU prerequisite missing: no NVIDIA GPU"
                + " (skipped; -Dconformance.gpu.required=true fails instead)" + System.lineSeparator());
    }

    @Test
    void aMissingPrerequisiteFailsTheTestWhenGpusAreRequired() {
        System.setProperty(GpuPrerequisite.REQUIRED, "true");

        assertThatThrownBy(() -> GpuPrerequisite.unmet("torch.cuda.is_available() is false"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("GPU prerequisite missing: torch.cuda.is_available() is false (a failure:"
                        + " -Dconformance.gpu.required=true)");
        assertThat(console.toString(StandardCharsets.UTF_8)).startsWith("GPU prerequisite missing: torch.cuda");
    }

    @Test
    void aPresentPrerequisiteChangesNothing() {
        System.setProperty(GpuPrerequisite.REQUIRED, "true");

        GpuPrerequisite.require(true, "anything");

        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
