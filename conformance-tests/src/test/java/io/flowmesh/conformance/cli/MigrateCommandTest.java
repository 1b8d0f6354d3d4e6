package io.flowmesh.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.flowmesh.conformance.cli.FlowMeshConformanceTest.Outcome;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate} as a user runs it; the kit's own tests have no implementation, so nothing validates here. */
class MigrateCommandTest {

    private static final String LEGACY = """
            # an echo with a legacy field
            spec:
              taskType: echo
              resources:
                hardware: {cpu: "1"}   # one core
                replicas: 3            # nothing reads it
              data: {items: [hi]}
            """;

    @TempDir
    Path dir;

    @Nested
    class DryRun {

        @Test
        void printsAUnifiedDiffExitsOneAndLeavesTheFileByteIdentical() throws IOException {
            Path file = Files.writeString(dir.resolve("legacy.yaml"), LEGACY);
            byte[] before = Files.readAllBytes(file);

            Outcome outcome = FlowMeshConformanceTest.execute("migrate", file.toString());

            assertThat(outcome.exitCode()).as("stderr: %s", outcome.err()).isEqualTo(1);
            String name = file.toString().replaceFirst("^/+", "");
            assertThat(outcome.out()).isEqualTo("--- a/" + name + "\n+++ b/" + name + "\n" + """
                    @@ -3,5 +3,4 @@
                       taskType: echo
                       resources:
                         hardware: {cpu: "1"}   # one core
                    -    replicas: 3            # nothing reads it
                       data: {items: [hi]}
                    """);
            assertThat(outcome.err()).contains("1 template(s): 1 to migrate, 0 unchanged, 0 refused");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
        }

        @Test
        void exitsZeroWithNoOutputWhenNothingIsToChange() throws IOException {
            Path file = Files.writeString(dir.resolve("current.yaml"), "spec:\n  taskType: echo\n");

            Outcome outcome = FlowMeshConformanceTest.execute("migrate", dir.toString());

            assertThat(outcome.exitCode()).as("stderr: %s", outcome.err()).isZero();
            assertThat(outcome.out()).isEmpty();
            assertThat(Files.readString(file)).isEqualTo("spec:\n  taskType: echo\n");
        }
    }

    @Nested
    class Write {

        @Test
        void editsInPlaceListsTheChangesAndASecondRunChangesNothing() throws IOException {
            Path file = Files.writeString(dir.resolve("legacy.yaml"), LEGACY);

            Outcome first = FlowMeshConformanceTest.execute("migrate", "--write", file.toString());

            assertThat(first.exitCode()).as("stderr: %s", first.err()).isZero();
            assertThat(first.out()).isEqualTo(file + ":6: /spec/resources/replicas: removed (resources-replicas)\n");
            assertThat(Files.readString(file)).isEqualTo("""
                    # an echo with a legacy field
                    spec:
                      taskType: echo
                      resources:
                        hardware: {cpu: "1"}   # one core
                      data: {items: [hi]}
                    """);
            assertThat(first.err()).contains("were not validated");
            Outcome second = FlowMeshConformanceTest.execute("migrate", file.toString());
            assertThat(second.exitCode()).isZero();
            assertThat(second.out()).isEmpty();
        }

        @Test
        void refusesAnUnparseableFileLeavingItByteIdenticalWithExitTwo() throws IOException {
            Path broken = Files.writeString(dir.resolve("broken.yaml"), "spec:\n  resources: {replicas: 3\n  taskType: echo\n");
            Path fine = Files.writeString(dir.resolve("fine.yaml"), LEGACY);
            byte[] before = Files.readAllBytes(broken);

            Outcome outcome = FlowMeshConformanceTest.execute("migrate", "--write", dir.toString());

            assertThat(outcome.exitCode()).isEqualTo(2);
            assertThat(outcome.err()).containsPattern("error: " + java.util.regex.Pattern.quote(broken.toString())
                    + ":\\d+:\\d+: cannot parse the template: .*; it was left as it was");
            assertThat(Files.readAllBytes(broken)).isEqualTo(before);
            assertThat(Files.readString(fine)).as("the other files are still migrated").doesNotContain("replicas");
            try (var left = Files.list(dir)) {
                assertThat(left).as("no temporary file is left").hasSize(2);
            }
        }
    }
}
