package io.flowmesh.reference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowmesh.conformance.cli.FlowMeshConformance;
import io.flowmesh.conformance.suite.SuiteSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against the reference implementation, as a user runs it. */
class CommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return FlowMeshConformance.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void validateAcceptsTheBundledTemplates() {
        assertThat(run("validate", SuiteSettings.templates().toString())).as("exit code; stderr: %s", err).isZero();
        assertThat(out.toString()).containsPattern("\\d+ template\\(s\\): \\d+ valid, 0 invalid, 0 warning\\(s\\)");
    }

    @Test
    void validatePrintsEachViolationAndWarningWithFileLineAndPointer(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, String.join("\n",
                "apiVersion: flowmesh/v1",
                "kind: EchoTask",
                "metadata:",
                "  name: bad",
                "  colour: blue",
                "spec:",
                "  taskType: echo",
                "  echo: {message: hi}",
                "  resources:",
                "    replicas: 3",
                ""));
        assertThat(run("validate", bad.toString())).isEqualTo(1);
        assertThat(out.toString())
                .contains(bad + ":5:3: /metadata/colour: ")
                .contains("[schema.unknown-key]")
                .contains(bad + ":10:5: /spec/resources/replicas: warning: ")
                .contains("[legacy.no-effect]")
                .contains("1 template(s): 0 valid, 1 invalid, 1 warning(s)");
    }

    @Test
    void strictValidationCountsAWarningAsAnError(@TempDir Path dir) throws Exception {
        Path legacy = Files.writeString(dir.resolve("legacy.yaml"), String.join("\n",
                "apiVersion: flowmesh/v1",
                "kind: EchoTask",
                "metadata: {name: legacy}",
                "spec:",
                "  taskType: echo",
                "  resources:",
                "    replicas: 3",
                "  data: {type: list, items: [hi]}",
                ""));

        assertThat(run("validate", legacy.toString())).as("lenient: a warning is no error").isZero();
        assertThat(run("validate", "--strict", legacy.toString())).as("strict").isEqualTo(1);
        assertThat(out.toString()).contains(legacy + ":7:5: /spec/resources/replicas: warning: ")
                .contains(legacy + ":7:5: /spec/resources/replicas: error: ")
                .contains("1 template(s): 0 valid, 1 invalid, 1 warning(s)");
    }

    @Test
    void validateRefusesTheValuesARunWouldRefuseInLineOrderInProcessAndThroughAProcess(@TempDir Path dir)
            throws Exception {
        Path template = Files.writeString(dir.resolve("values.yaml"), String.join("\n",
                "apiVersion: flowmesh/v1",
                "kind: InferenceTask",
                "metadata: {name: values}",
                "spec:",
                "  taskType: inference",
                "  model:",
                "    source: {type: huggingface, identifier: Qwen/Qwen2.5-0.5B-Instruct}",
                "    vllm:",
                "      dtype: fp8x",
                "  inference:",
                "    max_tokens: thirty-two",
                "  resources:",
                "    hardware: {gpu: {type: any, count: 1}}",
                "  data: {type: list, items: [hi]}",
                ""));
        String command = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java") + " -cp "
                + System.getProperty("java.class.path") + " " + io.flowmesh.reference.ReferenceProcess.class.getName();

        for (List<String> how : List.of(List.of("validate"), List.of("validate", "--process", command))) {
            out.getBuffer().setLength(0);
            List<String> args = new java.util.ArrayList<>(how);
            args.add(template.toString());

            assertThat(run(args.toArray(String[]::new))).as("%s; stderr: %s", how, err).isEqualTo(1);
            assertThat(out.toString()).as("%s", how).isEqualTo(template + ":9:7: /spec/model/vllm/dtype: engine argument"
                    + " 'dtype' must be one of [auto, bfloat16, float, float16, float32, half], got 'fp8x'"
                    + " [execute.vllm-load] (a run refuses it)" + System.lineSeparator()
                    + template + ":11:5: /spec/inference/max_tokens: sampling parameter 'max_tokens' must be an integer,"
                    + " got thirty-two [execute.vllm-sampling] (a run refuses it)" + System.lineSeparator()
                    + "1 template(s): 0 valid, 1 invalid, 0 warning(s)" + System.lineSeparator());
        }
    }

    @Test
    void validateThroughAnImplementationProcess() {
        String command = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java") + " -cp "
                + System.getProperty("java.class.path") + " " + io.flowmesh.reference.ReferenceProcess.class.getName();
        assertThat(run("validate", "--process", command, SuiteSettings.templates().resolve("echo_hello.yaml").toString()))
                .as("exit code; stderr: %s", err).isZero();
        assertThat(out.toString()).contains("1 template(s): 1 valid, 0 invalid, 0 warning(s)");
    }

    @Test
    void aProcessThatCannotStartIsAUsageError() {
        assertThat(run("validate", "--process", "/nonexistent/impl-server", SuiteSettings.templates().toString()))
                .isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: cannot start the implementation process [/nonexistent/impl-server]:"
                + " /nonexistent/impl-server: no such executable file" + System.lineSeparator());
    }

    @Test
    void validateOfAMissingPathIsAUsageError(@TempDir Path dir) {
        assertThat(run("validate", dir.resolve("nope.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("error: ").contains("nope.yaml: no such file or folder");
    }

    @Test
    void auditWritesTheJsonTheIssueAsksFor(@TempDir Path dir) throws Exception {
        Files.copy(SuiteSettings.templates().resolve("echo_hello.yaml"), dir.resolve("echo_hello.yaml"));
        int exit = run("audit", "--templates", dir.toString(), "--format", "json",
                "--classification", SuiteSettings.classification().toString(),
                "--model-store", SuiteSettings.root().resolve("fixtures/model-store").toString());
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.at("/summary/templates").asInt()).isEqualTo(1);
        assertThat(report.at("/summary/probes").asInt()).isPositive();
        assertThat(report.at("/templates/0/file").asText()).isEqualTo("echo_hello.yaml");
        assertThat(report.at("/templates/0/fields/0").has("pointer")).isTrue();
        assertThat(report.at("/templates/0/fields").findValuesAsText("verdict")).contains("EFFECT", "NO_EFFECT");
        assertThat(exit).as("one template cannot measure every classification row, so the audit fails")
                .isEqualTo(1);
        assertThat(report.at("/summary/failed").asInt()).isPositive();
    }

    @Test
    void theReferencesBundleVerifiesItsBadgeSaysConformantAndListNamesEveryCheckItReports(@TempDir Path dir)
            throws Exception {
        Path zip = dir.resolve("results.zip");
        Path reports = dir.resolve("reports");
        int exit = run("audit", "--quiet", "--bundle", zip.toString(), "--report-dir", reports.toString());
        assertThat(exit).as("the reference conforms; stderr: %s", err).isZero();
        long templates;
        try (java.util.stream.Stream<Path> files = Files.list(SuiteSettings.templates())) {
            templates = files.filter(f -> f.toString().endsWith(".yaml")).count();
        }

        assertThat(Files.readString(reports.resolve("badge-reference.json"))).isEqualTo("{\"schemaVersion\":1,\"label\":"
                + "\"flowmesh conformance\",\"message\":\"conformant: " + templates + "/" + templates + " templates\","
                + "\"color\":\"brightgreen\"}\n");
        out.getBuffer().setLength(0);
        assertThat(run("verify-bundle", zip.toString())).as("verify-bundle: %s", out).isZero();
        assertThat(out.toString()).contains("(" + new ObjectMapper().readTree(reports.resolve("report.json").toFile())
                .at("/summary/checks").asInt() + " checks, ");

        JsonNode report = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
        java.util.Set<String> reported = new java.util.TreeSet<>();
        report.at("/templates").forEach(t -> {
            t.path("checks").forEach(c -> reported.add(c.path("id").textValue()));
            t.path("fields").forEach(f -> reported.add(f.path("id").textValue()));
        });
        report.at("/contracts").forEach(c -> reported.add(c.path("id").textValue()));
        report.at("/classificationChecks").forEach(c -> reported.add(c.path("id").textValue()));
        out.getBuffer().setLength(0);
        assertThat(run("audit", "--list")).isZero();
        assertThat(out.toString().lines().toList()).as("--list, run without running anything, against the IDs the"
                + " full audit reported").containsExactlyElementsOf(reported);
    }
}
