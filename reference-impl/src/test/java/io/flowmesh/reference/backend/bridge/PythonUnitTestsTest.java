package io.flowmesh.reference.backend.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Runs the bridge's Python unit tests ({@code src/test/python}, stdlib unittest) as part of the Maven
 * build, so they need no extra plugin. They run on a Python that imports torch where there is one (see
 * {@link GpuPrerequisites#torchPython()}), so the torch engine's tests run too; elsewhere those skip.
 */
class PythonUnitTestsTest {

    @Test
    void pythonUnitTestsPass() throws IOException, InterruptedException {
        GpuPrerequisites.assumePython();
        Path tests = BridgeSources.locate().resolve("../../test/python").normalize();
        if (!Files.isDirectory(tests)) {
            tests = Path.of(System.getProperty(BridgeSources.ROOT_PROPERTY, "."), "reference-impl/src/test/python");
        }
        assertThat(tests.resolve("test_tiny_ppo.py")).as("Python tests folder").isRegularFile();
        String python = GpuPrerequisites.torchPython().orElse(GpuPrerequisites.python());
        ProcessBuilder builder = new ProcessBuilder(python, "-m", "unittest", "discover",
                "-s", tests.toString(), "-t", tests.toString()).redirectErrorStream(true);
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        String output = GpuPrerequisites.text(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("unittest finished").isTrue();
        assertThat(process.exitValue()).as("python -m unittest exit status; output:%n%s", output).isZero();
        assertThat(output).as("unittest summary").contains("OK");
    }
}
