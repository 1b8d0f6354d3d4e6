package io.flowmesh.conformance.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.classification.ClassificationLoader;
import io.flowmesh.conformance.contract.ContractCheck;
import io.flowmesh.conformance.report.AuditReport;
import io.flowmesh.conformance.report.JsonReport;
import io.flowmesh.conformance.report.ProbeCheck;
import io.flowmesh.conformance.report.TemplateCheck;
import io.flowmesh.conformance.report.TemplateReport;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.suite.SuiteSettings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectionTest {

    @TempDir
    Path dir;

    /**
     * Every ID of a check the report judged: template checks, probes, contract cases and row checks; a
     * contract not applicable to the implementation is reported as one {@code contract/<id>/all} that no
     * plan lists, since no case of it runs.
     */
    static Set<String> reportedIds(AuditReport report) {
        Set<String> ids = new TreeSet<>();
        for (TemplateReport template : report.templates()) {
            template.checks().forEach(c -> ids.add(c.id()));
            template.probes().forEach(p -> ids.add(p.id()));
        }
        report.contracts().stream().filter(c -> c.status() != ContractCheck.Status.NOT_APPLICABLE).forEach(c -> ids.add(c.id()));
        report.rowChecks().forEach(c -> ids.add(c.id()));
        return ids;
    }

    @Nested
    class ThePlan {

        private List<Path> bundledTemplates() throws Exception {
            try (Stream<Path> files = Files.list(SuiteSettings.root().resolve("templates"))) {
                return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            }
        }

        private Classification bundledClassification() throws Exception {
            return ClassificationLoader.load(SuiteSettings.root().resolve("expected/classification.yaml"));
        }

        @Test
        void givesEveryCheckOfTheBundledCorpusAUniqueId() throws Exception {
            CheckPlan plan = CheckPlan.of(TemplateCorpus.load(bundledTemplates()), bundledClassification());

            List<String> ids = plan.checks().stream().map(PlannedCheck::id).toList();
            assertThat(ids).doesNotHaveDuplicates().isSorted().hasSizeGreaterThan(1000);
            assertThat(ids).as("the contract cases are listed, every case of ppo-early-stop among them")
                    .contains("contract/ppo-early-stop/unarmed-runs-every-update",
                            "contract/ppo-early-stop/never-exceeded-stops-nothing", "contract/ppo-kl-coef/kl-coef-as-written",
                            "classification/model-source-revision/measured", "echo_hello/valid",
                            "echo_hello/spec/data/items/perturb");
        }

        @Test
        void keepsEveryIdWhenTheTemplatesComeInAnotherOrderFromAnotherFolder() throws Exception {
            List<Path> sorted = bundledTemplates();
            Path copies = Files.createDirectory(dir.resolve("elsewhere"));
            List<Path> reversed = new ArrayList<>();
            List<Path> backwards = new ArrayList<>(sorted);
            java.util.Collections.reverse(backwards);
            for (Path template : backwards) {
                reversed.add(Files.copy(template, copies.resolve(template.getFileName())));
            }
            Classification classification = bundledClassification();

            List<String> before = CheckPlan.of(TemplateCorpus.load(sorted), classification).ids();
            List<String> after = CheckPlan.of(TemplateCorpus.load(reversed), classification).ids();

            assertThat(after).isEqualTo(before);
        }

        @Test
        void keepsEveryOtherIdWhenAFieldIsAddedToOneTemplate() throws Exception {
            List<Path> templates = bundledTemplates();
            Path changed = Files.createDirectory(dir.resolve("changed"));
            List<Path> withField = new ArrayList<>();
            for (Path template : templates) {
                String yaml = Files.readString(template);
                if (template.getFileName().toString().equals("echo_hello.yaml")) {
                    // Inserted first in spec, so every later field moves down a line and along in the document.
                    yaml = yaml.replace("\nspec:\n", "\nspec:\n  addedField: 7\n");
                }
                withField.add(Files.writeString(changed.resolve(template.getFileName()), yaml));
            }
            Classification classification = bundledClassification();

            Set<String> before = new HashSet<>(CheckPlan.of(TemplateCorpus.load(templates), classification).ids());
            Set<String> after = new HashSet<>(CheckPlan.of(TemplateCorpus.load(withField), classification).ids());

            assertThat(after).containsAll(before);
            Set<String> added = new TreeSet<>(after);
            added.removeAll(before);
            assertThat(added).containsExactly("echo_hello/spec/addedField/perturb", "echo_hello/spec/addedField/remove");
        }

        @Test
        void plansExactlyTheChecksTheAuditReports() throws Exception {
            List<Template> templates = TemplateCorpus.load(AuditFixture.writeTemplates(dir));
            Classification classification = AuditFixture.classification();
            AuditReport report = new Audit(AuditFixture.steadyFake(), classification, RunOptions.defaults()).run(templates);

            Set<String> planned = new TreeSet<>(CheckPlan.of(templates, classification).ids());

            Set<String> reported = reportedIds(report);
            assertThat(planned).containsAll(reported);
            Set<String> notReported = new TreeSet<>(planned);
            notReported.removeAll(reported);
            assertThat(notReported).as("planned but not reported: the skipped template's checks, and the contract cases"
                    + " the fake's profile leaves out").allMatch(id -> id.startsWith("gamma/") || id.startsWith("contract/"));
            assertThat(notReported).contains("gamma/valid", "contract/ppo-kl-coef/kl-coef-as-written");
            assertThat(report.contracts()).extracting(ContractCheck::id).as("the fake runs no contract's task type")
                    .contains("contract/ppo-kl-coef/all");
        }
    }

    @Nested
    class Patterns {

        private CheckPlan plan() throws Exception {
            return CheckPlan.of(TemplateCorpus.load(AuditFixture.writeTemplates(dir)), AuditFixture.classification());
        }

        @Test
        void oneStarStaysWithinAPartOfTheIdAndTwoCrossParts() throws Exception {
            CheckPlan plan = plan();

            assertThat(Selection.of(plan, List.of("alpha/*"), "--only alpha/*").ids()).containsExactly("alpha/deterministic",
                    "alpha/runs", "alpha/valid");
            assertThat(Selection.of(plan, List.of("alpha/**/remove"), "--only").ids()).containsExactly("alpha/kind/remove",
                    "alpha/metadata/owner/remove", "alpha/spec/colour/remove", "alpha/spec/speed/remove",
                    "alpha/spec/taskType/remove");
            assertThat(Selection.of(plan, List.of("bet?/valid"), "--only").ids()).containsExactly("beta/valid");
        }

        @Test
        void anExactIdSelectsThatCheckAlone() throws Exception {
            Selection selection = Selection.of(plan(), List.of("alpha/spec/speed/perturb"), "--only alpha/spec/speed/perturb");

            assertThat(selection.ids()).containsExactly("alpha/spec/speed/perturb");
            assertThat(selection.selectsTemplate("alpha.yaml")).isTrue();
            assertThat(selection.selectsTemplate("beta.yml")).isFalse();
            assertThat(selection.how()).contains("--only alpha/spec/speed/perturb");
        }

        @Test
        void aPatternThatMatchesNothingIsAnInputErrorNamingTheNearestIds() throws Exception {
            assertThatThrownBy(() -> Selection.of(plan(), List.of("alpha/spec/sped/perturb"), "--only"))
                    .isInstanceOf(AuditInputException.class)
                    .hasMessage("--only: 'alpha/spec/sped/perturb' matches no check of this audit (115 checks; see --list);"
                            + " did you mean alpha/spec/speed/perturb or beta/spec/speed/perturb or gamma/spec/speed/perturb?");
        }

        @Test
        void aRowsCheckSelectsEveryProbeOfTheRow() throws Exception {
            Selection selection = Selection.of(plan(), List.of("classification/spec-speed/measured"), "--only");

            assertThat(selection.ids()).containsExactly("alpha/spec/speed/perturb", "alpha/spec/speed/remove",
                    "beta/spec/speed/perturb", "beta/spec/speed/remove", "classification/spec-speed/measured",
                    "gamma/spec/speed/perturb", "gamma/spec/speed/remove");
        }

        @Test
        void aTemplatesFailedBudgetCheckSelectsTheWholeTemplate() throws Exception {
            Path json = Files.writeString(dir.resolve("overrun.json"), "{\"templates\": [{\"file\": \"beta.yml\","
                    + " \"checks\": [{\"id\": \"beta/within-budget\", \"pass\": false}]}], \"contracts\": [],"
                    + " \"classificationChecks\": []}");

            Selection selection = Selection.failedIn(plan(), json, id -> { });

            assertThat(selection.ids()).containsExactly("beta/deterministic", "beta/kind/perturb", "beta/kind/remove",
                    "beta/runs", "beta/spec/replicas/inject", "beta/spec/speed/perturb", "beta/spec/speed/remove",
                    "beta/spec/taskType/perturb", "beta/spec/taskType/remove", "beta/valid", "beta/within-budget");
        }
    }

    @Nested
    class ASelectedAudit {

        @Test
        void runsAndCountsOnlyTheSelectedChecksAndSaysItIsNoVerdict() throws Exception {
            List<Template> templates = TemplateCorpus.load(AuditFixture.writeTemplates(dir));
            Classification classification = AuditFixture.classification();
            Selection selection = Selection.of(CheckPlan.of(templates, classification),
                    List.of("alpha/spec/speed/*", "beta/valid"), "--only alpha/spec/speed/* beta/valid");

            AuditReport report = new Audit(AuditFixture.steadyFake(), classification, RunOptions.defaults())
                    .selecting(selection).run(templates);

            assertThat(reportedIds(report)).containsExactly("alpha/spec/speed/perturb", "alpha/spec/speed/remove",
                    "beta/valid");
            assertThat(report.templates()).extracting(TemplateReport::file).containsExactly("alpha.yaml", "beta.yml");
            assertThat(report.summary().checks()).isEqualTo(3);
            assertThat(report.summary().conformant()).as("a selection never conforms").isFalse();
            assertThat(report.summary().describe()).isEqualTo("selection of 3 checks (--only alpha/spec/speed/* beta/valid),"
                    + " not the full audit: 2 templates, 1 fields, 2 probes, 0 contract cases: 3 checks, 3 passed, 0 failed;"
                    + " 0 templates skipped, 0 contracts not applicable; 0 undocumented no-ops");
            assertThat(report.verdict()).isEqualTo("SELECTION PASSED: 3 of 3 selected checks passed; not a conformance"
                    + " verdict (the full audit gives one)");
        }

        @Test
        void leavesADeviationOfAnUnselectedCheckAlone() throws Exception {
            List<Template> templates = TemplateCorpus.load(AuditFixture.writeTemplates(dir));
            Classification classification = AuditFixture.classification();
            Deviations deviations = Deviations.of(List.of(new Deviation("alpha/spec/colour/remove", "the fake ignores it")));
            Selection selection = Selection.of(CheckPlan.of(templates, classification), List.of("beta/valid"), "--only");

            AuditReport report = new Audit(AuditFixture.steadyFake(), classification, RunOptions.defaults(), deviations)
                    .selecting(selection).run(templates);

            assertThat(report.rowChecks()).extracting(TemplateCheck::id).isEmpty();
            assertThat(report.summary().allPassed()).isTrue();
        }

        @Test
        void rerunsExactlyTheChecksAnEarlierReportFailed() throws Exception {
            List<Template> templates = TemplateCorpus.load(AuditFixture.writeTemplates(dir));
            Classification classification = AuditFixture.classification();
            AuditReport full = new Audit(AuditFixture.steadyFake(), classification, RunOptions.defaults()).run(templates);
            Path json = Files.writeString(dir.resolve("report.json"), JsonReport.write(full));
            Set<String> failed = new TreeSet<>();
            full.templates().forEach(t -> t.probes().stream().filter(p -> !p.pass()).forEach(p -> failed.add(p.id())));
            full.templates().forEach(t -> t.checks().stream().filter(c -> !c.pass()).forEach(c -> failed.add(c.id())));
            full.rowChecks().stream().filter(c -> !c.pass()).forEach(c -> failed.add(c.id()));
            full.contracts().stream().filter(c -> c.status() == ContractCheck.Status.FAILED).forEach(c -> failed.add(c.id()));
            assertThat(failed).as("the fixture fails something").isNotEmpty();

            Selection selection = Selection.failedIn(CheckPlan.of(templates, classification), json, id -> { });
            AuditReport rerun = new Audit(AuditFixture.steadyFake(), classification, RunOptions.defaults())
                    .selecting(selection).run(templates);

            assertThat(selection.ids()).containsExactlyElementsOf(failed);
            assertThat(rerun.templates().stream().flatMap(t -> t.probes().stream()).map(ProbeCheck::id))
                    .containsExactlyInAnyOrderElementsOf(failed.stream().filter(id -> !id.startsWith("classification/"))
                            .toList());
            assertThat(rerun.verdict()).startsWith("SELECTION FAILED: ");
        }

        @Test
        void refusesAReportWithNothingFailed() throws Exception {
            Path json = Files.writeString(dir.resolve("clean.json"),
                    "{\"templates\": [], \"contracts\": [], \"classificationChecks\": []}");
            CheckPlan plan = CheckPlan.of(TemplateCorpus.load(AuditFixture.writeTemplates(dir)), AuditFixture.classification());

            assertThatThrownBy(() -> Selection.failedIn(plan, json, id -> { })).isInstanceOf(AuditInputException.class)
                    .hasMessage("--only-failed " + json + ": no check failed in that report; nothing to rerun");
        }

        @Test
        void refusesAFileThatIsNoReport() throws Exception {
            Path notes = Files.writeString(dir.resolve("notes.json"), "[1, 2]");
            CheckPlan plan = CheckPlan.of(TemplateCorpus.load(AuditFixture.writeTemplates(dir)), AuditFixture.classification());

            assertThatThrownBy(() -> Selection.failedIn(plan, notes, id -> { })).isInstanceOf(AuditInputException.class)
                    .hasMessage("--only-failed " + notes + ": not an audit's JSON report (it lacks templates, contracts or"
                            + " classificationChecks); give the report.json of an earlier audit");
        }
    }
}
