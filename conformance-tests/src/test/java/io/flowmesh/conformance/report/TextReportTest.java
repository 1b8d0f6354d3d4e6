package io.flowmesh.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import io.flowmesh.conformance.audit.Audit;
import io.flowmesh.conformance.audit.AuditFixture;
import io.flowmesh.conformance.audit.Template;
import io.flowmesh.conformance.classification.ClassificationLoader;
import io.flowmesh.conformance.spi.RunOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextReportTest {

    @Test
    void aFailingAuditEndsWithTheTotalsAndNotConformant(@TempDir Path dir) throws Exception {
        List<String> lines = TextReport.write(AuditFixture.report(dir)).lines().toList();

        assertThat(lines.get(lines.size() - 2)).as("the totals line")
                .isEqualTo("3 templates, 8 fields, 18 probes, 0 contract cases: 28 checks, 25 passed, 3 failed;"
                        + " 1 templates skipped, 13 contracts not applicable; 1 undocumented no-ops");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("NOT CONFORMANT");
    }

    @Test
    void failuresAndSkipsAreListedWithTheirEvidence(@TempDir Path dir) throws Exception {
        String text = TextReport.write(AuditFixture.report(dir));

        assertThat(text).contains("Failures (3):")
                .contains("alpha.yaml › /spec/colour › remove: undocumented no-op")
                .contains("classification/spec-never/measured: not measured: no audited template uses it and no contract"
                        + " case backs it")
                .contains("Not applicable (13):")
                .contains("contract/ppo-early-stop/all: the implementation does not declare task type ppo")
                .contains("Skipped (1):")
                .contains("gamma.yaml: the implementation does not declare task type(s) [gpu-only]");
    }

    @Test
    void theWordsOfTheTableAreExplainedBeforeIt(@TempDir Path dir) throws Exception {
        List<String> lines = TextReport.write(AuditFixture.report(dir)).lines().toList();

        int legend = lines.indexOf("  " + Legend.LINES.get(0));
        int header = lines.stream().filter(l -> l.startsWith("field")).findFirst().map(lines::indexOf).orElse(-1);
        assertThat(legend).as("the legend's first line").isPositive().isLessThan(header);
        assertThat(lines.get(legend + 2)).startsWith("  columns: uses = occurrences of the field in the audited templates");
    }

    @Test
    void theTableHasOneLinePerRow(@TempDir Path dir) throws Exception {
        List<String> lines = TextReport.write(AuditFixture.report(dir)).lines().toList();

        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("field").contains("treatment", "result"));
        assertThat(lines).filteredOn(line -> line.startsWith("spec.never")).singleElement()
                .satisfies(line -> assertThat(line).contains("no probe").endsWith("FAIL"));
        assertThat(lines).filteredOn(line -> line.startsWith("spec.replicas")).singleElement()
                .satisfies(line -> assertThat(line).contains("remove (injected x2)").endsWith("pass"));
    }

    @Test
    void aPassingAuditEndsWithConformant() throws Exception {
        Audit audit = new Audit(AuditFixture.steadyFake(),
                ClassificationLoader.parse(AuditFixture.CLASSIFICATION, "inline.yaml"), RunOptions.defaults());
        String beta = AuditFixture.BETA + "metadata:\n  owner: bob\n";

        // 4 fields x 2 probes + 1 injection; 9 probes + 3 template checks + 3 measured rows pass.
        List<String> lines = TextReport.write(audit.run(List.of(new Template("beta.yaml", beta)))).lines().toList();

        assertThat(lines.get(lines.size() - 2)).as("the totals line")
                .isEqualTo("1 templates, 4 fields, 9 probes, 0 contract cases: 15 checks, 15 passed, 0 failed;"
                        + " 0 templates skipped, 13 contracts not applicable; 0 undocumented no-ops");
        assertThat(lines.get(lines.size() - 1)).as("the fake runs no task type of any contract")
                .isEqualTo("CONFORMANT for task types [echo]: 1 of 1 templates, 3 of 3 rows, 0 of 13 contracts");
        assertThat(lines).noneMatch(line -> line.startsWith("Failures"));
    }
}
