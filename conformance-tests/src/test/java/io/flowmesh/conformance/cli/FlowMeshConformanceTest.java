package io.flowmesh.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowmesh.conformance.audit.AuditFixture;
import io.flowmesh.conformance.audit.FieldEchoImplementation;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FlowMeshConformanceTest {

    /** What one command line printed and returned. */
    record Outcome(int exitCode, String out, String err) {
    }

    /** Runs one command line, as the other command tests of this package do. */
    static Outcome execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FlowMeshConformance.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    private static void assertUsageError(Outcome outcome, String expectedMessage) {
        assertThat(outcome.exitCode()).as("exit code; stderr: %s", outcome.err()).isEqualTo(2);
        assertThat(outcome.err()).as("stderr").contains(expectedMessage);
        assertThat(outcome.err()).as("a usage error shows no stack trace").doesNotContain("\tat ");
    }

    @TempDir
    Path dir;

    @Test
    void noCommandIsAUsageError() {
        assertUsageError(execute(), "missing command: validate, audit, bench, migrate, schema or verify-bundle");
    }

    @Test
    void everyCommandsHelpRendersWithoutAFormatWarning() {
        // picocli formats descriptions with String.format and, when one does not parse (a lone '%'),
        // prints the raw text and warns on System.err, not on the writers a command is given.
        PrintStream systemErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        List<String> commands = List.copyOf(new CommandLine(new FlowMeshConformance()).getSubcommands().keySet());
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            for (String command : commands) {
                Outcome outcome = execute(command, "--help");
                assertThat(outcome.exitCode()).as("%s --help exit code; stderr: %s", command, outcome.err()).isZero();
                assertThat(outcome.out()).as("%s --help", command).contains("Usage: flowmesh-conformance " + command);
            }
        } finally {
            System.setErr(systemErr);
        }
        assertThat(commands).as("commands").contains("audit", "bench");
        assertThat(warnings.toString(StandardCharsets.UTF_8)).as("what picocli printed on System.err").isEmpty();
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertUsageError(execute("audit", "--bogus"), "Unknown option: '--bogus'");
    }

    @Test
    void aMisspeltOptionGetsASuggestionAndNotTheWholeUsage() {
        Outcome outcome = execute("audit", "--fromat", "json");

        assertUsageError(outcome, "error: Unknown options: '--fromat', 'json'");
        assertThat(outcome.err()).contains("did you mean --format?")
                .contains("see 'flowmesh-conformance audit --help'")
                .doesNotContain("Usage:");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertUsageError(execute("certify"), "certify");
    }

    @Test
    void schemaPrintsThePublishedSchemaFileByteForByte() throws IOException {
        Path published = Path.of(System.getProperty("flowmesh.repository.root", "..")).resolve("schema/workflow.schema.json");

        Outcome outcome = execute("schema");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).isEqualTo(Files.readString(published));
        assertThat(new ObjectMapper().readTree(outcome.out()).path("$schema").asText())
                .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void aBadFormatValueIsAUsageError() {
        Outcome outcome = execute("audit", "--format", "xml");

        assertUsageError(outcome, "--format");
        assertThat(outcome.err()).contains("xml", "text", "json");
    }

    @Test
    void validateNeedsAPath() {
        assertUsageError(execute("validate"), "FILE|DIR");
    }

    @Test
    void auditWithoutAnImplementationSaysNoneWasFound() throws IOException {
        Path classification = Files.writeString(dir.resolve("classification.yaml"), AuditFixture.CLASSIFICATION);
        Outcome outcome = execute("audit", "--templates", AuditFixture.writeTemplates(dir).toString(),
                "--classification", classification.toString(), "--model-store", dir.toString());

        assertUsageError(outcome, "error: no FlowMesh implementation on the class path: register one in "
                + "META-INF/services/io.flowmesh.conformance.spi.WorkflowImplementation");
    }

    @Test
    void validateOnAMissingPathExitsWithUsage() {
        assertThat(execute("validate", dir.resolve("nowhere.yaml").toString()).exitCode()).isEqualTo(2);
    }

    /** Commands run with the fake registered through a class loader that only these tests use. */
    @Nested
    class WithTheFakeRegistered {

        private Path templates;
        private Path classification;

        @BeforeEach
        void writeInputs() throws IOException {
            templates = AuditFixture.writeTemplates(Files.createDirectory(dir.resolve("templates")));
            classification = Files.writeString(dir.resolve("classification.yaml"), AuditFixture.CLASSIFICATION);
        }

        @Test
        void benchReportsEveryFigureAgainstTheParseBaselineOfTheSameRun() throws Exception {
            Outcome outcome = withFake(() -> execute("bench", "--templates", templates.toString(),
                    "--classification", classification.toString(), "--model-store", dir.toString(),
                    "--rounds", "3", "--warmup", "1", "--warmup-seconds", "1", "--sweep", "4,8", "--no-fresh-jvm", "--jobs", "2"));

            assertThat(outcome.exitCode()).as("stderr: %s", outcome.err()).isZero();
            List<String> lines = outcome.out().lines().toList();
            assertThat(lines).as(outcome.out()).hasSize(11);
            assertThat(lines.get(0)).matches("bench: field-echo, \\d+ cores, JIT: (C1 and C2|C1 only|C2 only|the interpreter only);"
                    + " whole audits until the JIT settles \\(at most 1 s\\) to warm up, then each figure the median of 3 runs"
                    + " after 1 warm-up runs, each run with an implementation of its own");
            String warmup = "(the JIT settled after \\d+ s \\(compiling for \\d+% of its last window; at most 1 s\\)"
                    + "|the JIT had not settled at the limit, 1 s: it compiled for \\d+% of its last window, and the figures"
                    + " below pay for its work)";
            assertThat(lines.get(1)).matches("warm-up     whole audits: " + warmup + "; the baseline's JVM: " + warmup);
            assertThat(lines.get(2)).matches("baseline    plain YAML parse: \\d+\\.\\d{4} ms per bundled template \\(\\d+ templates,"
                    + " warm; 50 parses a measurement, in a JVM of its own before each round\\)");
            assertThat(lines.get(3)).matches("probe cost  \\d+\\.\\d plain parses of its template per probe, mean of \\d+"
                    + " templates \\(goal <= 3\\); most: .*");
            String compiling = "; the JIT compiled for \\d+\\.\\d\\d s of threads' time in each \\(median\\)";
            assertThat(lines.get(4)).matches("audit       --jobs 1: \\d+\\.\\d{3} s \\[.*, 3 runs\\]" + compiling);
            assertThat(lines.get(5)).matches("audit       --jobs 2: \\d+\\.\\d{3} s \\[.*, 3 runs\\]" + compiling
                    + "; speed-up \\d+\\.\\d\\dx \\(median of the rounds' ratios\\).*");
            assertThat(lines.get(6)).matches("scaling     plain parses on 2 threads: \\d+\\.\\d\\dx faster than on 1, in the"
                    + " baseline's JVM in the same rounds \\(median of the rounds' ratios\\); the audit's speed-up is \\d+% of it");
            assertThat(lines.get(7)).isEqualTo("fresh JVM   not measured (--no-fresh-jvm)");
            assertThat(lines.get(8)).startsWith("sweep            4 templates,").contains("1.00x the first size's cost per template");
            assertThat(lines.get(9)).startsWith("sweep            8 templates,");
            assertThat(lines.get(10)).matches("contracts   \\d+ contract cases alone, on one thread: \\d+\\.\\d{3} s \\[.*, 3 runs\\];"
                    + " a fixed cost of every audit, left out of the sweep");
        }

        @Test
        void benchByTemplateListsEveryTemplatesProbeCostCostliestFirst() throws Exception {
            Outcome outcome = withFake(() -> execute("bench", "--templates", templates.toString(),
                    "--classification", classification.toString(), "--model-store", dir.toString(), "--rounds", "1",
                    "--warmup", "0", "--warmup-seconds", "1", "--sweep", "0", "--no-fresh-jvm", "--jobs", "1", "--by-template"));

            assertThat(outcome.exitCode()).as("stderr: %s", outcome.err()).isZero();
            List<String> lines = outcome.out().lines().toList();
            java.util.regex.Pattern perTemplate = java.util.regex.Pattern.compile(
                    "probe cost +(\\d+\\.\\d) plain parses per probe, +(\\d+) probes: (.+)");
            List<java.util.regex.Matcher> rows = lines.stream().map(perTemplate::matcher)
                    .filter(java.util.regex.Matcher::matches).toList();
            // gamma.yaml's task type is not the fake's: it is skipped and has no probes to cost.
            assertThat(rows.stream().map(m -> m.group(3)).sorted().toList()).as(outcome.out())
                    .containsExactly("alpha.yaml", "beta.yml");
            List<Double> costs = rows.stream().map(m -> Double.parseDouble(m.group(1))).toList();
            assertThat(costs).as("costliest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(rows).allSatisfy(m -> assertThat(Integer.parseInt(m.group(2))).as("probes of %s", m.group(3)).isPositive());
            String summary = lines.stream().filter(l -> l.startsWith("probe cost  ") && l.contains("most:")).findFirst().orElseThrow();
            assertThat(summary).as("the summary names the first row").endsWith("most: " + rows.get(0).group(1) + " ("
                    + rows.get(0).group(3) + ")");
            assertThat(lines.indexOf(summary)).as("the rows follow the summary").isEqualTo(lines.indexOf(rows.get(0).group()) - 1);
        }

        @Test
        void benchRefusesRoundsBelowOne() throws Exception {
            assertUsageError(withFake(() -> execute("bench", "--templates", templates.toString(),
                    "--classification", classification.toString(), "--model-store", dir.toString(), "--rounds", "0")),
                    "error: --rounds must be >= 1, --warmup and --warmup-seconds >= 0 and --sweep sizes >= 0");
        }

        @Test
        void aMissingTemplatesFolderIsAUsageError() throws Exception {
            Path missing = dir.resolve("no-templates");

            assertUsageError(withFake(() -> execute("audit", "--templates", missing.toString(),
                    "--classification", classification.toString(), "--model-store", dir.toString())),
                    "error: " + missing + ": no such file or folder");
        }

        @Test
        void aBackendTheImplementationDoesNotDeclareIsAUsageError() throws Exception {
            assertUsageError(withFake(() -> execute("audit", "--templates", templates.toString(),
                    "--classification", classification.toString(), "--model-store", dir.toString(), "--backend", "gpu")),
                    "error: the implementation 'field-echo' declares the backends [cpu], not 'gpu'");
        }

        @Test
        void aMissingClassificationFileIsAUsageError() throws Exception {
            Path missing = dir.resolve("no-classification.yaml");

            assertUsageError(withFake(() -> execute("audit", "--templates", templates.toString(),
                    "--classification", missing.toString(), "--model-store", dir.toString())),
                    "error: " + missing + ": the classification file is not found");
        }

        @Test
        void aBrokenClassificationIsAUsageErrorNamingTheLine() throws Exception {
            Path broken = Files.writeString(dir.resolve("broken.yaml"),
                    AuditFixture.CLASSIFICATION.replace("treatment: keep", "treatment: drop"));

            assertUsageError(withFake(() -> execute("audit", "--templates", templates.toString(),
                    "--classification", broken.toString(), "--model-store", dir.toString())),
                    "error: " + broken + ":15: /rows/1/treatment");
        }

        @Test
        void aMissingModelStoreIsAUsageError() throws Exception {
            Path missing = dir.resolve("no-store");

            assertUsageError(withFake(() -> execute("audit", "--templates", templates.toString(),
                    "--classification", classification.toString(), "--model-store", missing.toString())),
                    "no such model store folder");
        }

        @Test
        void anUnknownImplementationNameListsTheOnesFound() throws Exception {
            assertUsageError(withFake(() -> execute("validate", "--impl", "reference", templates.toString())),
                    "no implementation named 'reference' on the class path (found: field-echo)");
        }

        @Test
        void validateOnAMissingPathNamesIt() throws Exception {
            Path missing = dir.resolve("nowhere.yaml");

            assertUsageError(withFake(() -> execute("validate", missing.toString())),
                    "error: " + missing + ": no such file or folder");
        }

        @Test
        void validateReportsEveryTemplate() throws Exception {
            Outcome outcome = withFake(() -> execute("validate", templates.toString()));

            assertThat(outcome.exitCode()).as("stderr: %s", outcome.err()).isZero();
            assertThat(outcome.out()).contains("3 template(s): 3 valid, 0 invalid, 0 warning(s)");
        }

        @Test
        void validateReportsEveryFileBelowAFolderEvenAnUnreadableOne() throws Exception {
            Path nested = Files.createDirectories(templates.resolve("team/old"));
            Files.writeString(nested.resolve("alpha-copy.yml"), Files.readString(templates.resolve("alpha.yaml")));
            Path latin1 = Files.write(templates.resolve("team/latin1.yaml"), new byte[] {'k', ':', ' ', (byte) 0xe9, '\n'});
            Files.writeString(templates.resolve("team/notes.txt"), "not a template");

            Outcome outcome = withFake(() -> execute("validate", templates.toString()));

            assertThat(outcome.exitCode()).as("stderr: %s", outcome.err()).isEqualTo(1);
            assertThat(outcome.out()).contains(latin1 + ":1:4: not UTF-8 text (byte 0xe9 at offset 3); save the file as UTF-8"
                    + " [file.unreadable]")
                    .contains("5 template(s): 4 valid, 1 invalid, 0 warning(s)");
        }

        @Test
        void validateFailsOnAnInvalidTemplate() throws Exception {
            Path broken = Files.writeString(dir.resolve("broken.yaml"), "kind: [unclosed\n");

            Outcome outcome = withFake(() -> execute("validate", broken.toString()));

            assertThat(outcome.exitCode()).isEqualTo(1);
            assertThat(outcome.out()).contains(broken.toString(), "1 template(s): 0 valid, 1 invalid");
        }

        @Test
        void aFailingAuditExitsOneWithTheTextReport() throws Exception {
            Outcome outcome = withFake(() -> execute("audit", "--templates", templates.toString(),
                    "--classification", classification.toString(), "--model-store", dir.toString()));

            assertThat(outcome.exitCode()).as("stderr: %s", outcome.err()).isEqualTo(1);
            assertThat(outcome.out()).startsWith("FlowMesh conformance audit: field-echo 1.0-test")
                    .endsWith("NOT CONFORMANT" + System.lineSeparator());
        }

        @Test
        void aJsonAuditIsWrittenToStdoutAndTheOutputFile() throws Exception {
            Path output = dir.resolve("report.json");

            Outcome outcome = withFake(() -> execute("audit", "--format", "json", "--output", output.toString(),
                    "--templates", templates.toString(), "--classification", classification.toString(),
                    "--model-store", dir.toString()));

            JsonNode json = new ObjectMapper().readTree(outcome.out());
            assertThat(json.at("/summary/templates").intValue()).isEqualTo(3);
            assertThat(json.at("/implementation/name").textValue()).isEqualTo("field-echo");
            assertThat(Files.readString(output)).as("--output holds the same report").isEqualTo(outcome.out());
        }

        @Test
        void aReportDirectoryGetsEveryFormatEachReadableByItsOwnParser() throws Exception {
            Path reports = dir.resolve("reports");

            Outcome outcome = withFake(() -> execute("audit", "--templates", templates.toString(),
                    "--classification", classification.toString(), "--model-store", dir.toString(),
                    "--report-dir", reports.toString()));

            assertThat(outcome.exitCode()).as("the fixture has an undocumented no-op").isEqualTo(1);
            assertThat(java.nio.file.Files.list(reports).map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("TEST-flowmesh-conformance.xml", "badge-field-echo.json", "report.html", "report.json",
                            "report.md", "report.txt");
            int failed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(reports.resolve("report.json").toFile())
                    .path("summary").path("failed").intValue();
            assertThat(failed).as("failed checks in the JSON report").isPositive();
            assertThat(org.jsoup.Jsoup.parse(reports.resolve("report.html").toFile()).selectFirst("#verdict").text())
                    .isEqualTo("NOT CONFORMANT");
            assertThat(javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(reports.resolve("TEST-flowmesh-conformance.xml").toFile()).getDocumentElement()
                    .getAttribute("failures")).as("the JUnit XML counts the same failures").isEqualTo(String.valueOf(failed));
            assertThat(java.nio.file.Files.readString(reports.resolve("report.txt"))).isEqualTo(outcome.out());
        }

        @Test
        void aConformantAuditExitsZero() throws Exception {
            Path single = Files.createDirectory(dir.resolve("single"));
            Files.writeString(single.resolve("echo.yaml"), "kind: Task\nspec:\n  taskType: echo\n");
            Path kindOnly = Files.writeString(dir.resolve("kind-only.yaml"), String.join("\n",
                    "version: 1",
                    "rows:",
                    "  - id: kind",
                    "    group: envelope",
                    "    field: kind",
                    "    patterns: [/kind]",
                    "    treatment: support",
                    "    reason: the fake dispatches on it",
                    "    upstreamUses: 1",
                    "    effect: {channel: fake, keys: [/kind]}",
                    ""));

            Path reports = dir.resolve("reports");
            Outcome outcome = withFake(() -> execute("audit", "--templates", single.toString(),
                    "--classification", kindOnly.toString(), "--model-store", dir.toString(), "--report-dir", reports.toString()));

            assertThat(outcome.exitCode()).as("report:%n%s", outcome.out()).isZero();
            assertThat(Files.readString(reports.resolve("badge-field-echo.json"))).as("the badge names the partial profile")
                    .isEqualTo("{\"schemaVersion\":1,\"label\":\"flowmesh conformance\",\"message\":\"conformant for"
                            + " [echo]: 1/1 templates\",\"color\":\"yellowgreen\"}\n");
            assertThat(outcome.out()).as("the fake runs no contract's task type, so the verdict names its profile")
                    .endsWith(System.lineSeparator() + "CONFORMANT for task types [echo]: 1 of 1 templates, 1 of 1 rows,"
                            + " 0 of 13 contracts" + System.lineSeparator());
        }

        /** --list, --only and --only-failed; --bundle and verify-bundle; the badge. */
        @Nested
        class SelectingAndPublishing {

            @Test
            void listPrintsEveryPlannedIdSortedOnceWithoutStartingAnImplementation() {
                // No implementation is registered here: listing starts none.
                Outcome outcome = execute("audit", "--list", "--templates", templates.toString(), "--classification",
                        classification.toString());

                assertThat(outcome.exitCode()).as("stderr: %s", outcome.err()).isZero();
                java.util.List<String> ids = outcome.out().lines().toList();
                assertThat(ids).isSorted().doesNotHaveDuplicates().contains("alpha/valid", "alpha/spec/speed/perturb",
                        "beta/spec/replicas/inject", "classification/spec-speed/measured",
                        "contract/ppo-kl-coef/kl-coef-as-written").noneMatch(id -> id.endsWith("/within-budget"));
            }

            @Test
            void onlyRunsTheSelectedChecksAndSaysItIsASelection() throws Exception {
                Outcome outcome = withFake(() -> execute("audit", "--only", "beta/*", "--format", "json", "--templates",
                        templates.toString(), "--classification", classification.toString(), "--model-store", dir.toString()));

                assertThat(outcome.exitCode()).as("beta is valid, runs, and is deterministic; stderr: %s", outcome.err()).isZero();
                JsonNode json = new ObjectMapper().readTree(outcome.out());
                assertThat(json.at("/summary/selection").textValue()).isEqualTo("--only beta/*");
                assertThat(json.at("/summary/conformant").booleanValue()).as("a selection never conforms").isFalse();
                assertThat(json.at("/summary/verdict").textValue()).isEqualTo("SELECTION PASSED: 3 of 3 selected"
                        + " checks passed; not a conformance verdict (the full audit gives one)");
                assertThat(json.at("/templates").findValuesAsText("file")).containsExactly("beta.yml");
                assertThat(json.at("/templates/0/checks").findValuesAsText("id")).containsExactly("beta/valid", "beta/runs",
                        "beta/deterministic");
                assertThat(json.at("/templates/0/fields").size()).as("no probe is selected").isZero();
                assertThat(json.at("/contracts").size()).isZero();
            }

            @Test
            void aSelectionsJUnitXmlSaysItIsNoConformanceVerdict() throws Exception {
                Outcome outcome = withFake(() -> execute("audit", "--only", "beta/*", "--format", "junit", "--templates",
                        templates.toString(), "--classification", classification.toString(), "--model-store", dir.toString()));

                org.w3c.dom.Element root = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new org.xml.sax.InputSource(new java.io.StringReader(outcome.out()))).getDocumentElement();
                assertThat(root.getAttribute("name")).isEqualTo("FlowMesh conformance: field-echo 1.0-test, a selection"
                        + " (--only beta/*), not the full audit: no conformance verdict");
                assertThat(root.getAttribute("tests")).isEqualTo("3");
            }

            @Test
            void anOnlyPatternThatMatchesNothingIsAUsageErrorNamingTheNearestId() {
                assertUsageError(execute("audit", "--only", "beta/spec/sped/remove", "--templates", templates.toString(),
                        "--classification", classification.toString()), "error: --only beta/spec/sped/remove:"
                        + " 'beta/spec/sped/remove' matches no check of this audit (114 checks; see --list); did you mean"
                        + " beta/spec/speed/remove or alpha/spec/speed/remove or gamma/spec/speed/remove?");
            }

            @Test
            void onlyFailedRerunsExactlyTheFailuresOfAnEarlierReport() throws Exception {
                Path reports = dir.resolve("reports");
                withFake(() -> execute("audit", "--report-dir", reports.toString(), "--templates", templates.toString(),
                        "--classification", classification.toString(), "--model-store", dir.toString()));
                JsonNode first = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
                java.util.Set<String> failedProbes = new java.util.TreeSet<>();
                first.at("/templates").forEach(t -> t.path("fields").forEach(f -> {
                    if (!f.path("pass").booleanValue()) {
                        failedProbes.add(f.path("id").textValue());
                    }
                }));
                assertThat(failedProbes).as("the fixture's unclassified colour fails").contains("alpha/spec/colour/remove");

                Outcome rerun = withFake(() -> execute("audit", "--only-failed", reports.resolve("report.json").toString(),
                        "--format", "json", "--templates", templates.toString(), "--classification", classification.toString(),
                        "--model-store", dir.toString()));

                assertThat(rerun.exitCode()).as("still failing; stderr: %s", rerun.err()).isEqualTo(1);
                JsonNode json = new ObjectMapper().readTree(rerun.out());
                assertThat(json.at("/templates").findValuesAsText("id").stream().filter(id -> id.contains("/spec/")
                        || id.contains("/kind/") || id.contains("/metadata/"))).containsExactlyInAnyOrderElementsOf(failedProbes);
                assertThat(json.at("/summary/verdict").textValue()).startsWith("SELECTION FAILED: ");
            }

            @Test
            void aBundleOfASelectionIsAUsageError() {
                assertUsageError(execute("audit", "--only", "beta/valid", "--bundle", dir.resolve("b.zip").toString(),
                        "--templates", templates.toString(), "--classification", classification.toString()),
                        "error: --bundle publishes the full audit; it cannot be combined with --only or --only-failed");
            }

            private Path bundle() throws Exception {
                Path zip = dir.resolve("results.zip");
                Outcome outcome = withFake(() -> execute("audit", "--bundle", zip.toString(), "--templates",
                        templates.toString(), "--classification", classification.toString(), "--model-store", dir.toString()));
                assertThat(outcome.exitCode()).as("the fixture fails; stderr: %s", outcome.err()).isEqualTo(1);
                return zip;
            }

            private java.util.Map<String, byte[]> entries(Path zip) throws IOException {
                java.util.Map<String, byte[]> entries = new java.util.TreeMap<>();
                try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
                    for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                        entries.put(e.getName(), in.readAllBytes());
                    }
                }
                return entries;
            }

            private Path rewritten(java.util.Map<String, byte[]> entries) throws IOException {
                Path zip = dir.resolve("tampered.zip");
                try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
                    for (java.util.Map.Entry<String, byte[]> e : entries.entrySet()) {
                        out.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                        out.write(e.getValue());
                        out.closeEntry();
                    }
                }
                return zip;
            }

            @Test
            void aBundleHoldsTheReportsTheBadgeAndAManifestAndVerifies() throws Exception {
                Path zip = bundle();

                java.util.Map<String, byte[]> entries = entries(zip);
                assertThat(entries.keySet()).containsExactly("SHA256SUMS", "TEST-flowmesh-conformance.xml",
                        "badge-field-echo.json", "manifest.json", "report.html", "report.json", "report.md");
                JsonNode manifest = new ObjectMapper().readTree(entries.get("manifest.json"));
                assertThat(manifest.at("/implementation/name").textValue()).isEqualTo("field-echo");
                assertThat(manifest.at("/implementation/capabilities/taskTypes").toString()).isEqualTo("[\"echo\"]");
                assertThat(manifest.at("/implementation/capabilities/witnessed").toString()).as("the fake fetches through no kit server")
                        .isEqualTo("[]");
                assertThat(manifest.at("/classification/sha256").textValue()).isEqualTo(java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(classification))));
                assertThat(manifest.at("/kit/of").textValue()).as("tests run from the classes folder")
                        .startsWith("the sha256sum listing of every file under the classes folder");
                assertThat(manifest.at("/gpu").isNull()).isTrue();
                assertThat(manifest.at("/gpuNote").textValue()).startsWith("no GPU tests ran");
                assertThat(manifest.at("/commandLine/1").textValue()).isEqualTo("audit");
                assertThat(manifest.at("/summary/conformant").booleanValue()).isFalse();

                Outcome verified = execute("verify-bundle", zip.toString());

                assertThat(verified.exitCode()).as("out: %s%nerr: %s", verified.out(), verified.err()).isZero();
                assertThat(verified.out()).startsWith(zip + ": verified: every SHA-256 matches");
            }

            @Test
            void theSameRunGivesTheSameBundleByteForByte() throws Exception {
                byte[] first = Files.readAllBytes(bundle());
                byte[] second = Files.readAllBytes(bundle());

                assertThat(second).isEqualTo(first);
            }

            @Test
            void aChangedReportFailsVerificationNamingIt() throws Exception {
                java.util.Map<String, byte[]> entries = entries(bundle());
                entries.put("report.md", (new String(entries.get("report.md"), StandardCharsets.UTF_8)
                        .replace("NOT CONFORMANT", "CONFORMANT")).getBytes(StandardCharsets.UTF_8));

                Outcome outcome = execute("verify-bundle", rewritten(entries).toString());

                assertThat(outcome.exitCode()).isEqualTo(1);
                assertThat(outcome.out()).contains("NOT VERIFIED, 1 problem(s):").contains("  report.md: changed (its SHA-256 is ");
            }

            @Test
            void aChangedManifestFailsVerificationNamingIt() throws Exception {
                java.util.Map<String, byte[]> entries = entries(bundle());
                entries.put("manifest.json", new String(entries.get("manifest.json"), StandardCharsets.UTF_8)
                        .replace("\"conformant\" : false", "\"conformant\" : true").getBytes(StandardCharsets.UTF_8));

                Outcome outcome = execute("verify-bundle", rewritten(entries).toString());

                assertThat(outcome.exitCode()).isEqualTo(1);
                assertThat(outcome.out()).contains("  manifest.json: changed (its SHA-256 is ")
                        .contains("  manifest.json: its summary says conformant true, the checks of report.json count false");
            }

            @Test
            void aMissingFileFailsVerificationNamingIt() throws Exception {
                java.util.Map<String, byte[]> entries = entries(bundle());
                entries.remove("report.html");

                Outcome outcome = execute("verify-bundle", rewritten(entries).toString());

                assertThat(outcome.exitCode()).isEqualTo(1);
                assertThat(outcome.out()).contains("  report.html: missing (SHA256SUMS lists it)");
            }

            @Test
            void anExtraFileFailsVerificationNamingIt() throws Exception {
                java.util.Map<String, byte[]> entries = entries(bundle());
                entries.put("README.txt", "trust me".getBytes(StandardCharsets.UTF_8));

                Outcome outcome = execute("verify-bundle", rewritten(entries).toString());

                assertThat(outcome.exitCode()).isEqualTo(1);
                assertThat(outcome.out()).contains("  README.txt: an extra file, listed in no SHA256SUMS");
            }

            @Test
            void aFileThatIsNoZipIsAUsageError() throws Exception {
                Path notes = Files.writeString(dir.resolve("notes.zip"), "not a zip");

                assertUsageError(execute("verify-bundle", notes.toString()), "error: " + notes
                        + ": not a readable results bundle: not a zip file, or an empty one");
            }

            @Test
            void aFailingImplementationsBadgeIsRedWithItsCounts() throws Exception {
                Path reports = dir.resolve("reports");
                withFake(() -> execute("audit", "--report-dir", reports.toString(), "--templates", templates.toString(),
                        "--classification", classification.toString(), "--model-store", dir.toString()));
                JsonNode summary = new ObjectMapper().readTree(reports.resolve("report.json").toFile()).path("summary");

                assertThat(Files.readString(reports.resolve("badge-field-echo.json"))).isEqualTo("{\"schemaVersion\":1,"
                        + "\"label\":\"flowmesh conformance\",\"message\":\"not conformant: " + summary.path("failed").intValue()
                        + " of " + summary.path("checks").intValue() + " checks failed\",\"color\":\"red\"}\n");
            }
        }

        /**
         * Runs the command with {@link FieldEchoImplementation} visible to {@link java.util.ServiceLoader}
         * through the thread's context class loader, so that no services file is on the test class path.
         */
        private Outcome withFake(Callable<Outcome> command) throws Exception {
            Path services = Files.createDirectories(dir.resolve("services/META-INF/services"));
            Files.writeString(services.resolve(WorkflowImplementation.class.getName()),
                    FieldEchoImplementation.class.getName() + "\n");
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("services").toUri().toURL()},
                    getClass().getClassLoader())) {
                thread.setContextClassLoader(loader);
                return command.call();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }
}
