package io.flowmesh.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report is the previous file or the whole new one, whatever interrupts the write. */
class AtomicFileTest {

    private static final String PREVIOUS = "the previous good report\n";

    @TempDir
    Path dir;

    /**
     * The child JVM of the interruption tests: writes a large report to {@code args[0]} through
     * {@link AtomicFile}, says {@code WRITING} half way through, and waits there to be killed.
     */
    public static void main(String[] args) throws Exception {
        PrintStream signal = System.out;
        AtomicFile.write(Path.of(args[0]), out -> {
            out.write("{\"half\": \"".getBytes(StandardCharsets.UTF_8));
            out.write("x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8));
            out.flush();
            signal.println("WRITING");
            signal.flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("\"}".getBytes(StandardCharsets.UTF_8));
        });
    }

    @Nested
    class AnInterruptedWrite {

        @Test
        void bySigkillLeavesThePreviousFileIntact() throws Exception {
            Path report = Files.writeString(dir.resolve("report.json"), PREVIOUS);
            Process child = writerKilledHalfWay(report);

            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);

            assertThat(Files.readString(report)).isEqualTo(PREVIOUS);
        }

        @Test
        void bySigtermLeavesThePreviousFileIntactAndNoTemporaryFile() throws Exception {
            Path report = Files.writeString(dir.resolve("report.json"), PREVIOUS);
            Process child = writerKilledHalfWay(report);

            child.destroy();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("the child exited on SIGTERM").isTrue();

            assertThat(Files.readString(report)).isEqualTo(PREVIOUS);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("report.json");
            }
        }

        private Process writerKilledHalfWay(Path report) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    AtomicFileTest.class.getName(), report.toString()).redirectErrorStream(true).start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = lines.readLine();
            assertThat(line).as("the child's signal").isEqualTo("WRITING");
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .as("the half-written report is a temporary file beside the target")
                        .anyMatch(name -> name.startsWith(".report.json.") && name.endsWith(".tmp"));
            }
            return child;
        }
    }

    @Nested
    class ACompleteWrite {

        @Test
        void replacesTheFileKeepingItsPermissions() throws Exception {
            Path report = Files.writeString(dir.resolve("report.md"), PREVIOUS);
            Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rw-rw-r--"));

            AtomicFile.write(report, "new\n");

            assertThat(Files.readString(report)).isEqualTo("new\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report))).isEqualTo("rw-rw-r--");
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).hasSize(1);
            }
        }

        @Test
        void refusesAFolderAsTheTarget() {
            assertThatThrownBy(() -> AtomicFile.write(dir, "x")).isInstanceOf(IOException.class).hasMessage("it is a folder");
        }

        @Test
        void refusesATargetInAMissingFolder() {
            Path nowhere = dir.resolve("missing/report.json");

            assertThatThrownBy(() -> AtomicFile.write(nowhere, "x")).isInstanceOf(IOException.class)
                    .hasMessage("no such folder: " + dir.resolve("missing"));
        }

        @Test
        void leavesNoTemporaryFileWhenTheContentFails() throws Exception {
            Path report = Files.writeString(dir.resolve("report.json"), PREVIOUS);

            assertThatThrownBy(() -> AtomicFile.write(report, out -> {
                out.write('{');
                throw new IOException("disk full");
            })).hasMessage("disk full");
            assertThat(Files.readString(report)).isEqualTo(PREVIOUS);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).isEqualTo(List.of("report.json"));
            }
        }
    }
}
