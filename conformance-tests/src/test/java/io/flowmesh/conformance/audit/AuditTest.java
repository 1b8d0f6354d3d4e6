package io.flowmesh.conformance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.classification.ClassificationLoader;
import io.flowmesh.conformance.probe.Change;
import io.flowmesh.conformance.probe.Verdict.Outcome;
import io.flowmesh.conformance.probe.Probe;
import io.flowmesh.conformance.report.AuditReport;
import io.flowmesh.conformance.report.ProbeCheck;
import io.flowmesh.conformance.report.RowReport;
import io.flowmesh.conformance.report.Summary;
import io.flowmesh.conformance.report.TemplateCheck;
import io.flowmesh.conformance.report.TemplateReport;
import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.ParseResult;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTest {

    @TempDir
    Path dir;

    private AuditReport report;

    @BeforeEach
    void audit() throws Exception {
        report = AuditFixture.report(dir);
    }

    @Test
    void loadsTheTemplatesOfTheFolderInNameOrder() {
        assertThat(report.templates()).extracting(TemplateReport::file)
                .as("*.yaml and *.yml files, sorted; notes.txt is no template")
                .containsExactly("alpha.yaml", "beta.yml", "gamma.yaml");
    }

    @Test
    void countsTemplatesFieldsProbesAndChecks() {
        Summary summary = report.summary();

        // alpha: 5 fields x (remove, perturb) + 1 injection; beta: 3 fields x 2 + 1 injection; gamma skipped.
        assertThat(summary.templates()).as("templates").isEqualTo(3);
        assertThat(summary.fields()).as("fields of the audited templates").isEqualTo(8);
        assertThat(summary.probes()).as("probes").isEqualTo(18);
        // passed: alpha 9 probes + 3 checks, beta 7 probes + 3 checks, 3 measured rows; failed: 2 colour probes, 1 row.
        assertThat(summary.passed()).as("passed checks").isEqualTo(25);
        assertThat(summary.failed()).as("failed checks").isEqualTo(3);
        assertThat(summary.skipped()).as("skipped templates").isEqualTo(1);
        assertThat(summary.undocumentedNoOps()).as("undocumented no-ops").isEqualTo(1);
        assertThat(summary.conformant()).isFalse();
    }

    @Test
    void anUnclassifiedFieldTheImplementationIgnoresIsAnUndocumentedNoOp() {
        List<ProbeCheck> colour = probesOf("alpha.yaml", "/spec/colour");

        assertThat(colour).extracting(ProbeCheck::id).containsExactly("alpha/spec/colour/remove", "alpha/spec/colour/perturb");
        assertThat(colour).allSatisfy(check -> {
            assertThat(check.pass()).as(check.id()).isFalse();
            assertThat(check.classificationId()).as("no row covers it").isNull();
            assertThat(check.verdict().outcome()).isEqualTo(Outcome.NO_EFFECT);
            assertThat(check.judgement().reason()).contains("undocumented no-op", "/spec/colour");
        });
    }

    @Test
    void aSupportedFieldShowsItsEffect() {
        ProbeCheck perturb = probesOf("alpha.yaml", "/spec/speed").get(1);

        assertThat(perturb.probe()).isEqualTo("perturb: 3 -> 7");
        assertThat(perturb.classificationId()).isEqualTo("spec-speed");
        assertThat(perturb.verdict().changes()).containsExactly(new Change("fake", "/spec/speed", "3", "7"));
        assertThat(perturb.pass()).as(perturb.judgement().reason()).isTrue();
    }

    @Test
    void aRemovedFieldIsInjectedAndMustDrawAWarning() {
        List<ProbeCheck> injections = report.templates().stream().flatMap(t -> t.probes().stream())
                .filter(p -> p.kind() == Probe.Kind.INJECT).toList();

        assertThat(injections).extracting(ProbeCheck::id).as("one injection per audited template")
                .containsExactly("alpha/spec/replicas/inject", "beta/spec/replicas/inject");
        assertThat(injections).allSatisfy(check -> {
            assertThat(check.pass()).as(check.judgement().reason()).isTrue();
            assertThat(check.judgement().reason()).contains("ignored with a warning", "fake.ignored");
        });
        RowReport replicas = row("spec-replicas");
        assertThat(replicas.injections()).isEqualTo(2);
        assertThat(replicas.templateUses()).as("no template uses a removed field").isZero();
        assertThat(replicas.measured().pass()).isTrue();
    }

    @Test
    void aRowNoTemplateUsesIsNotMeasured() {
        RowReport never = row("spec-never");
        TemplateCheck check = never.measured();

        assertThat(never.probed()).isFalse();
        assertThat(never.verdictLine()).isEqualTo("no probe");
        assertThat(check.id()).isEqualTo("classification/spec-never/measured");
        assertThat(check.pass()).isFalse();
        assertThat(check.reason()).isEqualTo("not measured: no audited template uses it and no contract case backs it");
        assertThat(report.rowChecks()).as("the row checks hold the same check").contains(check);
    }

    @Test
    void aUsedRowCountsItsUsesAndVerdicts() {
        RowReport owner = row("metadata-owner");

        assertThat(owner.templateUses()).isEqualTo(1);
        assertThat(owner.verdicts()).containsEntry("NO_EFFECT", 2).hasSize(1);
        assertThat(owner.passed()).isEqualTo(2);
        assertThat(owner.failed()).isZero();
    }

    @Test
    void aUseInASkippedTemplateCountsButIsNotMeasuredThere() {
        RowReport speed = row("spec-speed");

        assertThat(speed.templateUses()).as("alpha, beta and the skipped gamma use spec.speed").isEqualTo(3);
        assertThat(speed.verdicts().values().stream().mapToInt(Integer::intValue).sum())
                .as("remove and perturb, in alpha and beta only").isEqualTo(4);
    }

    @Test
    void aTemplateNeedingAnUndeclaredTaskTypeIsSkippedWithAReason() {
        TemplateReport gamma = template("gamma.yaml");

        assertThat(gamma.skipped()).contains("the implementation does not declare task type(s) [gpu-only]");
        assertThat(gamma.checks()).as("a skipped template passes no check").isEmpty();
        assertThat(gamma.probes()).isEmpty();
    }

    @Test
    void aValidTemplatePassesItsWholeTemplateChecks() {
        assertThat(template("beta.yml").checks()).extracting(TemplateCheck::id)
                .containsExactly("beta/valid", "beta/runs", "beta/deterministic");
        assertThat(template("beta.yml").checks()).allSatisfy(check -> assertThat(check.pass()).as(check.reason()).isTrue());
    }

    @Test
    void aNondeterministicImplementationFailsTheDeterminismCheckShowingTheDifference() throws Exception {
        FieldEchoImplementation counting = new FieldEchoImplementation(AuditFixture.HONOURED, AuditFixture.WARNED,
                FieldEchoImplementation.Mode.COUNTS_RUNS);

        TemplateReport beta = audit(counting).of(new Template("beta.yaml", AuditFixture.BETA)).report();

        TemplateCheck deterministic = check(beta, "beta/deterministic");
        assertThat(deterministic.pass()).isFalse();
        assertThat(deterministic.reason()).contains("not deterministic", "effect 4 differs",
                "{\"channel\":\"fake\",\"key\":\"run\",\"value\":1}", "{\"channel\":\"fake\",\"key\":\"run\",\"value\":2}");
    }

    @Test
    void anImplementationThatThrowsGivesErrorVerdictsInsteadOfCrashing() throws Exception {
        FieldEchoImplementation failing = new FieldEchoImplementation(AuditFixture.HONOURED, AuditFixture.WARNED,
                FieldEchoImplementation.Mode.FAILS_AFTER_TWO_RUNS);

        AuditReport broken = audit(failing).run(List.of(new Template("beta.yaml", AuditFixture.BETA),
                new Template("alpha.yaml", AuditFixture.ALPHA)));

        TemplateReport beta = broken.templates().get(0);
        assertThat(beta.probes()).as("every probe ran after the implementation broke").hasSize(7)
                .allSatisfy(probe -> {
                    assertThat(probe.verdict().outcome()).as(probe.id()).isEqualTo(Outcome.ERROR);
                    assertThat(probe.pass()).as(probe.id()).isFalse();
                    assertThat(probe.judgement().reason())
                            .contains("the implementation failed", "java.lang.IllegalStateException", "engine exploded");
                });
        TemplateCheck alphaRuns = check(broken.templates().get(1), "alpha/runs");
        assertThat(alphaRuns.pass()).as("a base run that throws fails the runs check").isFalse();
        assertThat(alphaRuns.reason()).startsWith("ERROR: java.lang.IllegalStateException: engine exploded");
        assertThat(broken.summary().conformant()).isFalse();
    }

    @Test
    void theAuditIsRepeatable() throws Exception {
        AuditReport again = AuditFixture.report(dir);

        assertThat(again).as("the same inputs give an equal report").isEqualTo(report);
    }

    private static Audit audit(FieldEchoImplementation implementation) throws Exception {
        Classification classification = ClassificationLoader.parse(AuditFixture.CLASSIFICATION, "inline.yaml");
        return new Audit(implementation, classification, RunOptions.defaults());
    }

    private TemplateReport template(String file) {
        return report.templates().stream().filter(t -> t.file().equals(file)).findFirst().orElseThrow();
    }

    private List<ProbeCheck> probesOf(String file, String pointer) {
        return template(file).probes().stream().filter(p -> p.pointer().equals(pointer)).toList();
    }

    private RowReport row(String id) {
        Optional<RowReport> row = report.rows().stream().filter(r -> r.row().id().equals(id)).findFirst();
        assertThat(row).as("row %s in the report", id).isPresent();
        return row.get();
    }

    private static TemplateCheck check(TemplateReport template, String id) {
        return template.checks().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + id + " in " + template.checks()));
    }

    @org.junit.jupiter.api.Nested
    class PartialConformance {

        private static final String TURBO_ROW = String.join("\n",
                "  - id: spec-turbo",
                "    group: executor key",
                "    field: spec.turbo",
                "    patterns: [\"/spec/turbo\"]",
                "    treatment: keep",
                "    reason: only gpu-only tasks have it",
                "    upstreamUses: 1",
                "");

        private final Template beta = new Template("beta.yml", AuditFixture.BETA + "metadata:\n  owner: bob\n");
        private final Template turbo = new Template("turbo.yaml", String.join("\n", "kind: Task", "spec:",
                "  taskType: gpu-only", "  turbo: 1", ""));

        private AuditReport audit(String classification, RowScope scope, Template... templates) throws Exception {
            return new Audit(AuditFixture.steadyFake(), ClassificationLoader.parse(classification, "inline.yaml"),
                    RunOptions.defaults(), Deviations.none(), scope).run(List.of(templates));
        }

        @Test
        void aRowOnlyASkippedTemplateUsesIsNotJudgedAndTheVerdictNamesTheProfile() throws Exception {
            AuditReport partial = audit(AuditFixture.CLASSIFICATION + TURBO_ROW, RowScope.ALL, beta, turbo);

            RowReport row = partial.rows().stream().filter(r -> r.row().id().equals("spec-turbo")).findFirst().orElseThrow();
            assertThat(row.notApplicable()).contains("measured only by templates or contract cases of task types the"
                    + " implementation does not declare");
            assertThat(row.result()).isEqualTo("n/a");
            assertThat(partial.rowChecks()).as("an unjudged row is neither passed nor failed")
                    .noneMatch(c -> c.id().equals("classification/spec-turbo/measured"));
            assertThat(partial.verdict()).isEqualTo("CONFORMANT for task types [echo]: 1 of 2 templates, 3 of 4 rows,"
                    + " 0 of 13 contracts");
        }

        @Test
        void aTemplateOfAnUndeclaredTaskTypeIsSkippedBeforeTheParserJudgesIt() throws Exception {
            WorkflowImplementation refusesGpuOnly = refusingAtParse("gpu-only",
                    new Diagnostic("probe", "/spec/taskType", 3, 13, "unknown-task-type", "no such task type"));

            AuditReport partial = new Audit(refusesGpuOnly, ClassificationLoader.parse(AuditFixture.CLASSIFICATION,
                    "inline.yaml"), RunOptions.defaults()).run(List.of(beta, turbo));

            assertThat(partial.templates().get(1).skipped()).contains("the implementation does not declare task type(s)"
                    + " [gpu-only]");
            assertThat(partial.templates().get(1).checks()).as("no parser verdict").isEmpty();
            assertThat(partial.summary().failed()).as("its parser's refusal does not count").isZero();
        }

        @Test
        void aRowUsedOnlyByRefusedTemplatesIsNotMeasuredAndSaysSo() throws Exception {
            WorkflowImplementation refusesOwners = refusingAtParse("owner:",
                    new Diagnostic("probe", "/spec/speed", 6, 10, "too-fast", "speed too high for an owned task"));
            Template owned = new Template("owned.yaml", "kind: Task\nmetadata:\n  owner: bob\nspec:\n  taskType: echo\n"
                    + "  speed: 4\n");

            AuditReport report = new Audit(refusesOwners, ClassificationLoader.parse(AuditFixture.CLASSIFICATION,
                    "inline.yaml"), RunOptions.defaults()).run(List.of(new Template("plain.yml", AuditFixture.BETA), owned));

            TemplateCheck owner = report.rowChecks().stream()
                    .filter(c -> c.id().equals("classification/metadata-owner/measured")).findFirst().orElseThrow();
            assertThat(owner.pass()).isFalse();
            assertThat(owner.reason()).isEqualTo("not measured: 1 template use(s), but only in templates that were not"
                    + " probed (refused or not run), and no contract case backs it");
        }

        @Test
        void judgingOnlyUsedRowsListsTheUnusedOnesAsNotApplicable() throws Exception {
            AuditReport author = audit(AuditFixture.CLASSIFICATION + AuditFixture.UNUSED_ROW, RowScope.USED, beta);
            AuditReport full = audit(AuditFixture.CLASSIFICATION + AuditFixture.UNUSED_ROW, RowScope.ALL, beta);

            assertThat(author.rowsNotApplicable()).containsExactly("spec.never: no audited template uses it");
            assertThat(author.verdict()).isEqualTo("CONFORMANT for task types [echo]: 1 of 1 templates, 3 of 4 rows,"
                    + " 0 of 13 contracts");
            assertThat(full.verdict()).as("the full profile fails a row nothing measures").isEqualTo("NOT CONFORMANT");
        }

        /** The steady fake, but refusing at parse every template whose text contains {@code marker}. */
        private WorkflowImplementation refusingAtParse(String marker, Diagnostic violation) {
            FieldEchoImplementation fake = AuditFixture.steadyFake();
            return new WorkflowImplementation() {
                @Override
                public String name() {
                    return fake.name();
                }

                @Override
                public String version() {
                    return fake.version();
                }

                @Override
                public Capabilities capabilities() {
                    return fake.capabilities();
                }

                @Override
                public ParseResult parse(String yaml, String sourceName) {
                    return yaml.contains(marker) ? new ParseResult(List.of(new Diagnostic(sourceName, violation.pointer(),
                            violation.line(), violation.column(), violation.code(), violation.message())), List.of())
                            : fake.parse(yaml, sourceName);
                }

                @Override
                public RunResult run(String yaml, RunOptions options) {
                    return fake.run(yaml, options);
                }
            };
        }
    }
}
