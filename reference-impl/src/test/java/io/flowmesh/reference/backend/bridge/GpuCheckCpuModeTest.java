package io.flowmesh.reference.backend.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/gpu-check.sh}, the device check for GPU machines, in its CPU mode: the script a lent
 * GPU machine runs is exercised by every build, so it cannot rot between device sessions.
 */
class GpuCheckCpuModeTest {

    @Test
    void theDeviceCheckPassesOnTheCpuWithOneSummaryLine() throws IOException, InterruptedException {
        String python = GpuPrerequisites.assumeTorch();
        Path root = Path.of(System.getProperty(BridgeSources.ROOT_PROPERTY, ".")).toAbsolutePath();
        Path script = root.resolve("scripts/gpu-check.sh");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "prerequisite missing: /bin/bash");
        assertThat(script).as("the device check").isRegularFile();

        ProcessBuilder builder = new ProcessBuilder(List.of("/bin/bash", script.toString())).directory(root.toFile());
        builder.environment().put("DEVICE", "cpu");
        builder.environment().put("PYTHON", python);
        builder.environment().put("GPU_CHECK_TIMEOUT_S", "120");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String output = GpuPrerequisites.text(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(150, TimeUnit.SECONDS)).as("gpu-check.sh finished").isTrue();

        assertThat(output.lines()).as("stdout").singleElement().asString()
                .startsWith("gpu-check PASS device=cpu torch-ppo stop=").contains("deterministic=yes")
                .contains("vllm: skipped: DEVICE=cpu");
        assertThat(process.exitValue()).as("exit status; output: %s", output).isZero();
    }
}
