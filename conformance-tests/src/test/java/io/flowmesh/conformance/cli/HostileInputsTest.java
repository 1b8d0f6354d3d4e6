package io.flowmesh.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.flowmesh.conformance.audit.AuditFixture;
import io.flowmesh.conformance.process.ProcessImplementation;
import io.flowmesh.conformance.process.ProcessTreeProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input suite of the kit, through its command line: each case asserts the exit code, the
 * message, and that the repository (templates, expectations, fixtures, docs) is unchanged. The
 * implementation is a real process (the shell script {@code faulty-impl.sh}), so no implementation
 * needs to be on the class path. Cases of the reference implementation live in the reference's
 * {@code HostileTemplatesTest}.
 */
class HostileInputsTest {

    /** What one command line printed and returned. */
    record Outcome(int exitCode, String out, String err, Duration took) {
    }

    @TempDir
    Path dir;

    private Path templates;
    private Path classification;
    private Path state;
    private Map<String, String> repository;

    @BeforeEach
    void writeInputsAndSnapshotTheRepository() throws IOException {
        templates = AuditFixture.writeTemplates(Files.createDirectory(dir.resolve("templates")));
        classification = Files.writeString(dir.resolve("classification.yaml"), AuditFixture.CLASSIFICATION);
        state = Files.createDirectory(dir.resolve("state"));
        repository = snapshot();
    }

    @AfterEach
    void theRepositoryIsUnchanged() throws IOException {
        assertThat(snapshot()).as("files of the repository after the case").isEqualTo(repository);
    }

    /** Size and modification time of every file of the repository a run could touch. */
    private static Map<String, String> snapshot() throws IOException {
        Path root = Path.of(System.getProperty("flowmesh.repository.root", ".")).toAbsolutePath().normalize();
        Map<String, String> files = new TreeMap<>();
        for (String part : List.of("templates", "expected", "fixtures", "docs", "README.md")) {
            Path top = root.resolve(part);
            if (!Files.exists(top)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(top)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    files.put(root.relativize(file).toString(), Files.size(file) + "@" + Files.getLastModifiedTime(file));
                }
            }
        }
        return files;
    }

    private static Outcome execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = FlowMeshConformance.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
    }

    private String process(String mode) {
        return "sh " + ProcessTreeProbe.script() + " " + mode + " " + state;
    }

    private Outcome audit(String mode, String... more) {
        List<String> args = new ArrayList<>(List.of("audit", "--process", process(mode), "--templates", templates.toString(),
                "--classification", classification.toString(), "--model-store", dir.toString()));
        args.addAll(List.of(more));
        return execute(args.toArray(String[]::new));
    }

    private static void assertUsageError(Outcome outcome, String message) {
        assertThat(outcome.exitCode()).as("exit code; stderr: %s", outcome.err()).isEqualTo(2);
        assertThat(outcome.err()).as("stderr").isEqualTo("error: " + message + System.lineSeparator());
        assertThat(outcome.out()).as("stdout").isEmpty();
    }

    @Nested
    class FaultyProcessImplementations {

        @Test
        void oneThatNeverAnswersCostsOneTimeoutPerRequestUntilItIsGivenUp() {
            Outcome outcome = audit("hang-run", "--process-timeout", "0.5", "--jobs", "1");

            assertThat(outcome.exitCode()).as("exit code; stderr: %s", outcome.err()).isEqualTo(1);
            assertThat(outcome.out()).contains("broke the protocol on request 3 ('run'): it did not answer within 0.5 s"
                    + " (-Dconformance.process.timeoutSeconds); it is restarted for the next request; its stderr is empty");
            assertThat(outcome.out()).as("the restarted process is asked again").contains("beta.yml › runs: ERROR:")
                    .contains("broke the protocol on request 6 ('run'): it did not answer within 0.5 s");
            assertThat(outcome.took()).as("audit time").isLessThan(Duration.ofSeconds(30));
        }

        @Test
        void oneStrayStdoutLineCostsOneCheckAndEveryLaterTemplateIsProbed() {
            Outcome outcome = audit("stray-once", "--format", "json");

            assertThat(outcome.exitCode()).as("exit code; stderr: %s", outcome.err()).isEqualTo(1);
            assertThat(outcome.out()).containsOnlyOnce("debug: starting the run");
            assertThat(outcome.out()).contains("\"file\" : \"beta.yml\"").contains("\"pointer\" : \"/spec/speed\"");
        }

        @Test
        void aChildAndAnOrphanedGrandchildAreGoneWhenTheAuditEnds() throws Exception {
            Outcome outcome = audit("fork-child");

            assertThat(outcome.exitCode()).as("exit code; stderr: %s", outcome.err()).isEqualTo(1);
            for (String who : List.of("child", "grandchild")) {
                long pid = Long.parseLong(Files.readAllLines(state.resolve(who)).get(0).trim());
                assertThat(ProcessTreeProbe.running(pid)).as(who + " " + pid + " after the audit").isFalse();
            }
        }

        @Test
        void oneThatIgnoresTheEndOfItsInputIsKilledWhenTheAuditEnds() throws Exception {
            Outcome outcome = audit("ignore-eof");

            assertThat(outcome.exitCode()).as("exit code; stderr: %s", outcome.err()).isEqualTo(1);
            for (String pid : Files.readAllLines(state.resolve("pids"))) {
                assertThat(ProcessTreeProbe.running(Long.parseLong(pid.trim()))).as("process " + pid).isFalse();
            }
        }

        @Test
        void oneThatNeverDescribesItselfIsAnInputError() {
            Outcome outcome = audit("describe-hang", "--process-timeout", "0.5");

            assertUsageError(outcome, "the implementation process " + ProcessImplementation.commandLine(process("describe-hang"))
                    + " broke the protocol on request 1 ('describe'): it did not answer within 0.5 s"
                    + " (-Dconformance.process.timeoutSeconds); its stderr is empty");
        }

        @Test
        void oneThatFloodsStderrIsAuditedToTheEnd() {
            Outcome outcome = audit("stderr-flood");

            assertThat(outcome.exitCode()).as("exit code; stderr: %s", outcome.err()).isEqualTo(1);
            assertThat(outcome.out()).doesNotContain("broke the protocol");
        }

        @Test
        void aHugeIntegerInATraceIsData() {
            Outcome outcome = audit("big-number");

            assertThat(outcome.exitCode()).as("exit code; stderr: %s", outcome.err()).isEqualTo(1);
            assertThat(outcome.out()).doesNotContain("broke the protocol").doesNotContain("ERROR:");
        }

        @Test
        void fiveMegabytesOfTraceValuePerRunAreAnErrorOfThatRunNotAGrowingAudit() {
            Outcome outcome = audit("fat-trace");

            assertThat(outcome.exitCode()).as("exit code; stderr: %s", outcome.err()).isEqualTo(1);
            assertThat(outcome.out()).contains("alpha.yaml › runs: ERROR: the trace (1 effects) is larger than 4194304"
                    + " bytes, the most the audit accepts (-Dconformance.maxTraceBytes)");
            assertThat(outcome.out().length()).as("report size").isLessThan(20_000);
        }

        @Test
        void aParseFailureOfOneFileIsThatFilesDiagnosticAndValidateGoesOn() throws IOException {
            Files.writeString(templates.resolve("broken.yaml"), "kind: Task\n");

            Outcome outcome = execute("validate", "--process", process("parse-error"), templates.toString());

            assertThat(outcome.exitCode()).as("exit code; stderr: %s", outcome.err()).isEqualTo(1);
            assertThat(outcome.out()).contains(templates.resolve("broken.yaml") + ": error: the implementation failed while"
                    + " parsing: ProtocolException: faulty: cannot parse this one [implementation.error]")
                    .endsWith("4 template(s): 3 valid, 1 invalid, 0 warning(s)" + System.lineSeparator());
        }

        @Test
        void anEmptyProcessCommandIsAUsageError() {
            assertUsageError(execute("validate", "--process", " ", templates.toString()),
                    "--process: the command line is empty; give the program and its arguments");
        }

        @Test
        void aTimeoutThatIsNotPositiveIsAUsageError() {
            assertUsageError(audit("ok", "--process-timeout", "0"), "--process-timeout 0.0: expected a number of seconds in (0, 86400]");
        }

        @Test
        void aTimeoutSystemPropertyThatIsNotANumberIsAUsageError() {
            System.setProperty("conformance.process.timeoutSeconds", "soon");
            try {
                assertUsageError(audit("ok"), "-Dconformance.process.timeoutSeconds=soon: expected a number of seconds in (0, 86400]");
            } finally {
                System.clearProperty("conformance.process.timeoutSeconds");
            }
        }
    }

    @Nested
    class TheCorpus {

        @Test
        void anEmptyFolderIsNoTemplatesFound() throws IOException {
            Path empty = Files.createDirectory(dir.resolve("empty"));

            assertUsageError(execute("validate", "--process", process("ok"), empty.toString()),
                    "no templates found in " + empty + ": no *.yaml or *.yml file is below it");
        }

        @Test
        void anEmptyFolderNamedLikeATemplateSaysItIsAFolder() throws IOException {
            Path folder = Files.createDirectory(dir.resolve("x.yaml"));

            assertUsageError(execute("validate", "--process", process("ok"), folder.toString()),
                    "no templates found in " + folder + " (a folder, though its name ends like a template's): no *.yaml"
                            + " or *.yml file is below it");
        }

        @Test
        void aFolderNamedLikeATemplateIsSearchedLikeAnyFolder() throws IOException {
            Path folder = Files.createDirectory(dir.resolve("x.yaml"));
            Files.writeString(folder.resolve("inner.yaml"), AuditFixture.BETA);

            Outcome outcome = execute("validate", "--process", process("ok"), folder.toString());

            assertThat(outcome.exitCode()).as("stderr: %s", outcome.err()).isZero();
            assertThat(outcome.out()).isEqualTo("1 template(s): 1 valid, 0 invalid, 0 warning(s)" + System.lineSeparator());
        }

        @Test
        void anAuditOfAnEmptyFolderIsNoTemplatesFound() throws IOException {
            Path empty = Files.createDirectory(dir.resolve("empty"));

            assertUsageError(execute("audit", "--process", process("ok"), "--templates", empty.toString(),
                    "--classification", classification.toString(), "--model-store", dir.toString()),
                    "no templates found in " + empty + ": no *.yaml or *.yml file is below it");
        }

        @Test
        void aNonUtf8FileIsReportedWithItsLineAndTheOthersAreValidated() throws IOException {
            Path latin1 = Files.write(templates.resolve("latin1.yaml"), "kind: Task\nowner: Jos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

            Outcome outcome = execute("validate", "--process", process("ok"), templates.toString());

            assertThat(outcome.exitCode()).isEqualTo(1);
            assertThat(outcome.out()).isEqualTo(latin1 + ":2:11: not UTF-8 text (byte 0xe9 at offset 21); save the file as"
                    + " UTF-8 [file.unreadable]" + System.lineSeparator()
                    + "4 template(s): 3 valid, 1 invalid, 0 warning(s)" + System.lineSeparator());
        }

        @Test
        void aFifoNamedLikeATemplateIsReportedNotRead() throws Exception {
            Path fifo = templates.resolve("pipe.yaml");
            Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
            org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");

            Outcome outcome = execute("validate", "--process", process("ok"), templates.toString());

            assertThat(outcome.exitCode()).isEqualTo(1);
            assertThat(outcome.out()).startsWith(fifo + ": not a regular file [file.unreadable]")
                    .endsWith("4 template(s): 3 valid, 1 invalid, 0 warning(s)" + System.lineSeparator());
        }

        @Test
        void aDanglingLinkIsReported() throws IOException {
            Path link = Files.createSymbolicLink(templates.resolve("gone.yaml"), dir.resolve("nowhere.yaml"));

            Outcome outcome = execute("validate", "--process", process("ok"), templates.toString());

            assertThat(outcome.exitCode()).isEqualTo(1);
            assertThat(outcome.out()).contains(link + ": not a regular file (a link to nothing readable) [file.unreadable]");
        }

        @Test
        void aFileLargerThanAnyTemplateIsReportedNotRead() throws IOException {
            Path huge = templates.resolve("huge.yaml");
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(huge,
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(new byte[] {'a'}), (8L << 20) + 16);
            }

            Outcome outcome = execute("validate", "--process", process("ok"), templates.toString());

            assertThat(outcome.exitCode()).isEqualTo(1);
            assertThat(outcome.out()).contains(huge + ": larger than 8388608 bytes, the most a template file may hold"
                    + " [file.unreadable]");
        }

        @Test
        void anAuditReportsAnUnreadableFileAsAFailedTemplateAndAuditsTheRest() throws IOException {
            Files.write(templates.resolve("latin1.yaml"), new byte[] {'k', ':', ' ', (byte) 0xe9, '\n'});

            Outcome outcome = audit("ok", "--format", "json");

            assertThat(outcome.exitCode()).isEqualTo(1);
            assertThat(outcome.out()).contains("\"id\" : \"latin1/readable\"")
                    .contains("latin1.yaml:1:4: not UTF-8 text (byte 0xe9 at offset 3); save the file as UTF-8")
                    .contains("\"file\" : \"beta.yml\"");
        }
    }

    @Nested
    class Reports {

        @Test
        void anOutputThatIsAFolderIsRefusedBeforeTheAudit() throws IOException {
            Path folder = Files.createDirectory(dir.resolve("out"));

            assertUsageError(audit("ok", "--output", folder.toString()), "--output " + folder + ": is a folder; name the report file");
        }

        @Test
        void anOutputInAMissingFolderIsRefusedBeforeTheAudit() {
            Path nowhere = dir.resolve("missing/report.json");

            assertUsageError(audit("ok", "--output", nowhere.toString()),
                    "--output " + nowhere + ": no such folder " + dir.resolve("missing"));
        }

        @Test
        void theOutputReplacesThePreviousReportWhole() throws IOException {
            Path report = Files.writeString(dir.resolve("report.txt"), "previous\n");

            Outcome outcome = audit("ok", "--output", report.toString());

            assertThat(Files.readString(report)).isEqualTo(outcome.out());
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file is left")
                        .noneMatch(name -> name.endsWith(".tmp"));
            }
        }

        @Test
        void aMissingUrlMirrorIsAnInputError() {
            Path missing = dir.resolve("no-mirror");

            assertUsageError(audit("ok", "--url-mirror", missing.toString()), missing + ": no such URL mirror folder"
                    + " (--url-mirror); the audit answers http(s) URLs from DIR/host/path and never uses the network");
        }

        @Test
        void aTraceLimitSystemPropertyThatIsNotANumberIsAUsageError() {
            System.setProperty("conformance.maxTraceBytes", "lots");
            try {
                assertUsageError(audit("ok"), "-Dconformance.maxTraceBytes=lots: expected a whole number of bytes >= 1");
            } finally {
                System.clearProperty("conformance.maxTraceBytes");
            }
        }

        @Test
        void aTemplateTimeoutSystemPropertyThatIsNotANumberIsAUsageError() {
            System.setProperty("conformance.templateTimeoutSeconds", "0");
            try {
                assertUsageError(audit("ok"), "-Dconformance.templateTimeoutSeconds=0: expected a number of seconds in (0, 86400]");
            } finally {
                System.clearProperty("conformance.templateTimeoutSeconds");
            }
        }

        @Test
        void aTemplateTimeoutThatIsNotPositiveIsAUsageError() {
            assertUsageError(audit("ok", "--template-timeout", "-1"), "--template-timeout -1.0: expected a number of seconds in (0, 86400]");
        }
    }

    /** One hostile classification: how it is made from the valid one, and the whole message it must get. */
    record KitInputCase(String name, UnaryOperator<String> mutation, String message) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<KitInputCase> hostileClassifications() {
        String c = "classification.yaml";
        return Stream.of(
                new KitInputCase("an unknown treatment names the allowed ones",
                        t -> t.replace("treatment: keep", "treatment: drop"),
                        c + ":15: /rows/1/treatment: unknown treatment 'drop' is not allowed; allowed: remove, support, keep, fix"),
                new KitInputCase("an unknown treatment on a row with inject quotes no schema",
                        t -> t.replace("treatment: remove", "treatment: delete"),
                        c + ":22: /rows/2/treatment: unknown treatment 'delete' is not allowed; allowed: remove, support, keep, fix"),
                new KitInputCase("NaN has its own message",
                        t -> t.replace("upstreamUses: 2", "upstreamUses: .nan"),
                        c + ":9:23: .nan is NaN (not a number); only finite numbers are allowed here"),
                new KitInputCase("infinity has its own message",
                        t -> t.replace("upstreamUses: 2", "upstreamUses: .inf"),
                        c + ":9:23: .inf is infinity; only finite numbers are allowed here"),
                new KitInputCase("negative infinity too",
                        t -> t.replace("upstreamUses: 2", "upstreamUses: -.inf"),
                        c + ":9:24: -.inf is infinity; only finite numbers are allowed here"),
                new KitInputCase("a key twice in a row is refused",
                        t -> t.replace("    reason: speed drives the engine\n", "    reason: speed drives the engine\n    reason: again\n"),
                        c + ":9:11: key 'reason' is given twice in one mapping; each key may appear once"),
                new KitInputCase("a duplicate row is refused",
                        t -> t + t.substring(t.indexOf("  - id: metadata-owner"), t.indexOf("  - id: spec-replicas")),
                        c + ":26: /rows/3/id: duplicate row id 'metadata-owner'"),
                new KitInputCase("a pattern in two rows is refused, in either form",
                        t -> t.replace("patterns: [\"/metadata/owner\"]", "patterns: [\"/metadata/owner\", \"spec.speed\"]"),
                        c + ":14: /rows/1/patterns/1: pattern 'spec.speed' is already in row 'spec-speed'; a field pattern belongs to one row"),
                new KitInputCase("a pattern twice in one row is refused",
                        t -> t.replace("patterns: [\"/spec/speed\"]", "patterns: [\"/spec/speed\", \"/spec/speed\"]"),
                        c + ":6: /rows/0/patterns/1: pattern '/spec/speed' is already in row 'spec-speed'; a field pattern"
                                + " belongs to one row"),
                new KitInputCase("a pattern with many '**' is refused",
                        t -> t.replace("patterns: [\"/spec/speed\"]", "patterns: [\"**.a.**.b.**.c.**.speed\"]"),
                        c + ":6: /rows/0/patterns/0: pattern '**.a.**.b.**.c.**.speed' has 4 '**' segments; at most 3 are"
                                + " allowed, and never two in a row"),
                new KitInputCase("a pattern with '**' twice in a row is refused",
                        t -> t.replace("patterns: [\"/spec/speed\"]", "patterns: [\"**.**.speed\"]"),
                        c + ":6: /rows/0/patterns/0: pattern '**.**.speed' has 2 '**' segments; at most 3 are allowed, and"
                                + " never two in a row"),
                new KitInputCase("an unknown key names the allowed ones",
                        t -> t.replace("    upstreamUses: 1\n", "    upstreamUses: 1\n    colour: red\n"),
                        c + ":11: /rows/1: unknown key 'colour'; allowed: id, group, field, patterns, treatment, reason,"
                                + " upstreamUses, probes, effect, forbid, inject, accepts, rejects, whenAbsent, anyProbe, armedBy"),
                new KitInputCase("a missing key is named",
                        t -> t.replace("    reason: owner comes from the auth context\n", ""),
                        c + ":11: /rows/1: missing required key 'reason'"),
                new KitInputCase("a wrong type names what is expected",
                        t -> t.replace("upstreamUses: 2", "upstreamUses: many"),
                        c + ":9: /rows/0/upstreamUses: expected integer, found string 'many'"),
                new KitInputCase("another version is refused",
                        t -> t.replace("version: 1", "version: 2"),
                        c + ":1: /version: must be 1, found 2"),
                new KitInputCase("a bad row id says what an id is",
                        t -> t.replace("id: spec-speed", "id: Spec Speed"),
                        c + ":3: /rows/0/id: 'Spec Speed' is not a row id: lower-case letters, digits, '.' and '-', starting"
                                + " with a letter or digit"),
                new KitInputCase("a support row without an effect is refused in words",
                        t -> t.replace("    effect: {channel: fake, keys: [/spec/speed]}\n", ""),
                        c + ":3: /rows/0: a support row needs 'effect': the channel (and keys) its perturb probe must change"),
                new KitInputCase("a remove row without inject is refused in words",
                        t -> t.replace("    inject: {into: spec, key: replicas, value: 2}\n", ""),
                        c + ":18: /rows/2: a remove row needs 'inject': where to put the field to show it is ignored or refused"),
                new KitInputCase("a keep row with inject is refused in words",
                        t -> t.replace("    upstreamUses: 1\n", "    upstreamUses: 1\n    inject: {into: metadata, key: owner, value: x}\n"),
                        c + ":11: /rows/1/inject: only a remove row has 'inject'; this row's treatment is 'keep'"),
                new KitInputCase("a YAML syntax error names the line",
                        t -> t.replace("patterns: [\"/spec/speed\"]", "patterns: [\"/spec/speed\""),
                        c + ":6:29: not valid YAML: while parsing a flow sequence in 'reader', line 6, column 15: patterns:"
                                + " [\"/spec/speed\" ^ expected ',' or ']', but got <scalar> in 'reader', line 7,"
                                + " column 5: treatment: support ^"),
                new KitInputCase("an empty file says what it needs",
                        t -> "",
                        c + ": the classification is empty; it needs 'version: 1' and 'rows'"),
                new KitInputCase("a list instead of a mapping is refused",
                        t -> "- version: 1\n",
                        c + ":1: : expected object, found array [{\"version\":1}]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileClassifications")
    void aHostileClassificationIsAUsageErrorInWords(KitInputCase hostile) throws IOException {
        Path file = Files.writeString(dir.resolve("classification.yaml"), hostile.mutation().apply(AuditFixture.CLASSIFICATION));

        Outcome outcome = audit("ok");

        assertUsageError(outcome, hostile.message().replace("classification.yaml", file.toString()));
    }

    @Nested
    class KitInputFiles {

        @Test
        void aMissingClassificationSaysNotFound() {
            Path missing = dir.resolve("nowhere.yaml");

            assertUsageError(execute("audit", "--process", process("ok"), "--templates", templates.toString(),
                    "--classification", missing.toString(), "--model-store", dir.toString()),
                    missing + ": the classification file is not found");
        }

        @Test
        void aNonUtf8ClassificationSaysWhere() throws IOException {
            Files.write(classification, ("version: 1\nrows: [caf\u00e9]\n").getBytes(StandardCharsets.ISO_8859_1));

            assertUsageError(audit("ok"), classification + ":2:11: not UTF-8 text (byte 0xe9 at offset 21); save the file as UTF-8");
        }

        @Test
        void aFolderAsTheClassificationIsRefused() throws IOException {
            Path folder = Files.createDirectory(dir.resolve("c.yaml"));

            assertUsageError(execute("audit", "--process", process("ok"), "--templates", templates.toString(),
                    "--classification", folder.toString(), "--model-store", dir.toString()),
                    folder + ": is a folder, not the classification file");
        }
    }

    static Stream<KitInputCase> hostileDeviations() {
        String d = "deviations.yaml";
        return Stream.of(
                new KitInputCase("an unknown key names the allowed ones",
                        t -> "deviations:\n  - check: a\n    reason: r\n    until: never\n",
                        d + ":2: /deviations/0: unknown key 'until'; allowed: check, reason"),
                new KitInputCase("a missing reason is named",
                        t -> "deviations:\n  - check: a\n",
                        d + ":2: /deviations/0: missing 'reason'; an entry needs both check and reason"),
                new KitInputCase("a check that is not a string says what it is",
                        t -> "deviations:\n  - check: 12\n    reason: r\n",
                        d + ":2: /deviations/0/check: expected a non-empty string, found the number 12"),
                new KitInputCase("a check listed twice names the first line",
                        t -> "deviations:\n  - {check: a, reason: r}\n  - {check: a, reason: s}\n",
                        d + ":3: /deviations/1: check 'a' is listed twice (first on line 2); list each check once"),
                new KitInputCase("a list at the top is refused",
                        t -> "- check: a\n",
                        d + ":1: expected exactly one key, 'deviations', holding a list; found a list"),
                new KitInputCase("deviations that is not a list is refused",
                        t -> "deviations: all\n",
                        d + ":1: /deviations: expected a list of {check, reason} entries, found the string 'all'"),
                new KitInputCase("NaN has its own message",
                        t -> "deviations:\n  - {check: a, reason: .nan}\n",
                        d + ":2:28: .nan is NaN (not a number); only finite numbers are allowed here"),
                new KitInputCase("a duplicate key is refused",
                        t -> "deviations: []\ndeviations: []\n",
                        d + ":2:11: key 'deviations' is given twice in one mapping; each key may appear once"),
                new KitInputCase("an empty file says what it holds",
                        t -> "",
                        d + ": the deviations file is empty; it holds 'deviations:' and a list of {check, reason} entries"),
                new KitInputCase("non-UTF-8 says where",
                        t -> "deviations:\n  - {check: caf\u00e9, reason: r}\n",
                        d + ":2:16: not UTF-8 text (byte 0xe9 at offset 27); save the file as UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDeviations")
    void aHostileDeviationsFileIsAUsageErrorInWords(KitInputCase hostile) throws IOException {
        Path file = dir.resolve("deviations.yaml");
        Files.write(file, hostile.mutation().apply("").getBytes(StandardCharsets.ISO_8859_1));

        assertUsageError(audit("ok", "--deviations", file.toString()), hostile.message().replace("deviations.yaml", file.toString()));
    }

    @Test
    void aMissingDeviationsFileSaysNotFound() {
        Path missing = dir.resolve("none.yaml");

        assertUsageError(audit("ok", "--deviations", missing.toString()), missing + ": the deviations file is not found");
    }
}
