package io.flowmesh.conformance.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.flowmesh.conformance.report.AuditReport;
import io.flowmesh.conformance.report.ProbeCheck;
import io.flowmesh.conformance.report.TemplateCheck;
import io.flowmesh.conformance.spi.RunOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviationsTest {

    private static final List<String> FAILING = List.of("alpha/spec/colour/remove", "alpha/spec/colour/perturb",
            "classification/spec-never/measured");

    private static AuditReport audit(Path dir, Deviations deviations) throws Exception {
        Audit audit = new Audit(AuditFixture.steadyFake(), AuditFixture.classification(), RunOptions.defaults(), deviations);
        return audit.run(TemplateCorpus.load(AuditFixture.writeTemplates(dir)));
    }

    private static Deviations listing(List<String> checks) {
        return Deviations.of(checks.stream().map(c -> new Deviation(c, "tracked in issue 42")).toList());
    }

    @Test
    void listedFailuresPassAsKnownDeviationsNamingTheReason(@TempDir Path dir) throws Exception {
        AuditReport report = audit(dir, listing(FAILING));

        assertThat(report.summary().failed()).as("failed checks").isZero();
        assertThat(report.summary().expectedFailures()).as("known deviations").isEqualTo(3);
        assertThat(report.summary().describe()).endsWith("; 3 known deviations");
        ProbeCheck colour = report.templates().stream().flatMap(t -> t.probes().stream())
                .filter(p -> p.id().equals("alpha/spec/colour/remove")).findFirst().orElseThrow();
        assertThat(colour.pass()).isTrue();
        assertThat(colour.judgement().reason()).startsWith("known deviation (tracked in issue 42): undocumented no-op");
    }

    @Test
    void aListedCheckThatPassesFailsUntilTheEntryIsDeleted(@TempDir Path dir) throws Exception {
        AuditReport report = audit(dir, listing(List.of("beta/spec/speed/perturb")));

        ProbeCheck speed = report.templates().stream().flatMap(t -> t.probes().stream())
                .filter(p -> p.id().equals("beta/spec/speed/perturb")).findFirst().orElseThrow();
        assertThat(speed.pass()).isFalse();
        assertThat(speed.judgement().reason()).contains("but it passes now: delete the entry");
    }

    @Test
    void anEntryNamingNoCheckFailsTheRun(@TempDir Path dir) throws Exception {
        AuditReport report = audit(dir, listing(List.of("alpha/spec/no-such-field/remove")));

        assertThat(report.rowChecks()).filteredOn(c -> c.id().equals("deviations/alpha/spec/no-such-field/remove"))
                .singleElement().satisfies(c -> {
                    assertThat(c.pass()).isFalse();
                    assertThat(c.reason()).contains("names no check of this run");
                });
        assertThat(report.rowChecks()).extracting(TemplateCheck::id).contains("classification/spec-never/measured");
    }

    @Test
    void theFileIsCheckedWithLinesAndEntries(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.yaml"),
                "deviations:\n  - check: a/spec/x/remove\n    reason: issue 7\n");
        assertThat(Deviations.load(good).unmatched(java.util.Set.of())).singleElement()
                .satisfies(c -> assertThat(c.id()).isEqualTo("deviations/a/spec/x/remove"));

        Path extraKey = Files.writeString(dir.resolve("extra.yaml"),
                "deviations:\n  - check: a\n    reason: r\n  - check: b\n    reason: r\n    until: never\n");
        assertThatThrownBy(() -> Deviations.load(extraKey)).isInstanceOf(AuditInputException.class)
                .hasMessage(extraKey + ":4: /deviations/1: unknown key 'until'; allowed: check, reason");

        Path twice = Files.writeString(dir.resolve("twice.yaml"),
                "deviations:\n  - {check: a, reason: r}\n  - {check: a, reason: s}\n");
        assertThatThrownBy(() -> Deviations.load(twice)).hasMessage(twice + ":3: /deviations/1: check 'a' is listed twice (first on line 2); list each check once");

        Path wrongShape = Files.writeString(dir.resolve("shape.yaml"), "checks: []\n");
        assertThatThrownBy(() -> Deviations.load(wrongShape))
                .hasMessage(wrongShape + ":1: expected exactly one key, 'deviations', holding a list; found keys [checks]");
    }
}
