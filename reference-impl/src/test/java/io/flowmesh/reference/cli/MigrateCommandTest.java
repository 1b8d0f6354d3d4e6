package io.flowmesh.reference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import io.flowmesh.conformance.cli.FlowMeshConformance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate} with the reference on the class path, so that every result is validated by the
 * parser {@code validate} uses: the pre-RFC template that holds every legacy field comes out valid
 * with no warning.
 */
class MigrateCommandTest {

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return FlowMeshConformance.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void thePreRfcTemplateValidatesWithNoWarningOnceMigrated(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("everything_legacy.yaml");
        try (InputStream in = getClass().getResourceAsStream("/pre-rfc/everything_legacy.yaml")) {
            Files.write(file, in.readAllBytes());
        }
        // Before: the adapter's URL is in kwargs, where nothing reads it, so the adapter has no source.
        assertThat(run("validate", file.toString())).as("before: %s", out).isEqualTo(1);
        assertThat(out.toString()).contains("/spec/stages/0/spec/model/adapters/0: adapter 'tone' specifies no path,"
                + " url or task_id").contains("1 template(s): 0 valid, 1 invalid, 5 warning(s)");

        assertThat(run("migrate", "--write", file.toString())).as("stderr: %s", err).isZero();
        assertThat(err.toString()).as("the reference validated the result").doesNotContain("still to fix", "not validated");

        assertThat(run("validate", "--strict", file.toString())).as("after: %s", out).isZero();
        assertThat(out.toString()).contains("1 template(s): 1 valid, 0 invalid, 0 warning(s)");
        assertThat(run("migrate", file.toString())).as("a second run changes nothing").isZero();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMigrationThatWouldAddAViolationIsRefused(@TempDir Path dir) throws IOException {
        // The adapter's only source is in kwargs under a key the current shape has no place for.
        String text = String.join("\n",
                "apiVersion: flowmesh/v1",
                "kind: InferenceTask",
                "spec:",
                "  taskType: inference",
                "  resources: {hardware: {gpu: {count: 1}}}",
                "  model:",
                "    source: {type: huggingface, identifier: meta-llama/Llama-3.2-1B-Instruct}",
                "    adapters:",
                "      - type: lora",
                "        path: /adapters/a",
                "        kwargs: {path: /adapters/b}",
                "  data: {type: list, items: [hi]}",
                "");
        Path file = Files.writeString(dir.resolve("conflict.yaml"), text);

        assertThat(run("migrate", "--write", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("error: " + file + ":11:18: /spec/model/adapters/0/kwargs/path: 'path' is"
                + " also set on /spec/model/adapters/0 with another value");
        assertThat(Files.readString(file)).isEqualTo(text);
    }
}
