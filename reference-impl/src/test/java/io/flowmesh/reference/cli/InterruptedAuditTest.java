package io.flowmesh.reference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.flowmesh.conformance.suite.SuiteSettings;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An audit stopped by a signal (Ctrl-C, {@code kill}) leaves nothing in the temporary folder: the kit's
 * generated model store and contract inputs, the reference's run workspaces and unpacked archives all
 * go, though the blocks that would have closed them never finish.
 */
class InterruptedAuditTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    /**
     * Killed as the first run writes, and later, while the audit's threads are busy elsewhere; the bundled
     * audit goes on for seconds after its first write, here and on a machine several times faster.
     */
    @ParameterizedTest(name = "killed {0} ms after a run first writes a file")
    @ValueSource(ints = {0, 200, 500})
    void anAuditKilledWhileRunsAreWritingLeavesNoTemporaryFolderBehind(int laterMillis, @TempDir Path tmp) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp,
                "-D" + SuiteSettings.ROOT + "=" + SuiteSettings.defaultRoot(),
                "-cp", System.getProperty("java.class.path"),
                "io.flowmesh.conformance.cli.FlowMeshConformance", "audit", "--quiet", "--jobs", "1"));
        Process audit = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            Instant deadline = Instant.now().plus(PATIENCE);
            while (!aRunHasWrittenAFile(tmp)) {
                assertThat(audit.isAlive()).as("the audit is still running when its first run writes a file").isTrue();
                assertThat(Instant.now()).as("a run writes a file within %s", PATIENCE).isBefore(deadline);
                Thread.sleep(20);
            }
            assertThat(entries(tmp)).as("what the audit has in its temporary folder as a run writes")
                    .anyMatch(name -> name.startsWith("flowmesh-model-store-"))
                    .anyMatch(name -> name.startsWith("flowmesh-runs-"));
            Thread.sleep(laterMillis);
            assertThat(audit.isAlive()).as("the audit is still running when it is killed").isTrue();

            audit.destroy();
            assertThat(audit.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the audit ends on SIGTERM").isTrue();
        } finally {
            audit.destroyForcibly();
        }

        assertThat(audit.exitValue()).as("exit status of a JVM ended by SIGTERM").isEqualTo(128 + 15);
        assertThat(entries(tmp)).as("the temporary folder after the killed audit").isEmpty();
    }

    /** Whether a workspace of the reference ({@code flowmesh-runs-*}/{@code run-*}) holds a file. */
    private static boolean aRunHasWrittenAFile(Path tmp) throws IOException {
        try (Stream<Path> runsFolders = Files.list(tmp)) {
            for (Path runs : runsFolders.filter(p -> p.getFileName().toString().startsWith("flowmesh-runs-")).toList()) {
                try (Stream<Path> files = Files.walk(runs)) {
                    if (files.anyMatch(p -> runs.relativize(p).toString().startsWith("run-") && Files.isRegularFile(p))) {
                        return true;
                    }
                } catch (UncheckedIOException vanished) {
                    // A run closed its workspace while this looked: look again.
                }
            }
        }
        return false;
    }

    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> paths = Files.list(folder)) {
            return paths.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
