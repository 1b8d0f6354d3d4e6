package io.flowmesh.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import io.flowmesh.conformance.audit.AuditFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {

    @Test
    void opensWithTheVerdictAndTotals(@TempDir Path dir) throws Exception {
        String markdown = MarkdownReport.write(AuditFixture.report(dir));

        assertThat(markdown.lines().toList()).element(2).isEqualTo(
                "**NOT CONFORMANT**: 3 templates, 8 fields, 18 probes, 0 contract cases: 28 checks, 25 passed, 3 failed;"
                        + " 1 templates skipped, 13 contracts not applicable; 1 undocumented no-ops.");
    }

    @Test
    void theRfcTableIsAMarkdownTableWithOneRowPerClassificationRow(@TempDir Path dir) throws Exception {
        List<String> lines = MarkdownReport.write(AuditFixture.report(dir)).lines().toList();

        int header = lines.indexOf("| field | uses | upstream | treatment | observed | contracts | result |");
        assertThat(header).as("the table header").isPositive();
        assertThat(lines.get(header + 1)).isEqualTo("|---|---|---|---|---|---|---|");
        assertThat(lines).contains("| spec.never | 0 | 0 | keep | no probe | - | FAIL |");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("| spec.replicas |").contains("remove (injected x2)"));
    }

    @Test
    void failuresSkipsAndTemplatesAreListed(@TempDir Path dir) throws Exception {
        String markdown = MarkdownReport.write(AuditFixture.report(dir));

        assertThat(markdown).contains("## Failures (3)")
                .contains("- alpha.yaml › /spec/colour › remove: undocumented no-op")
                .contains("## Skipped templates (1)")
                .contains("## Contracts not applicable (13)")
                .contains("| `gamma.yaml` | skipped | 0 | 0 |")
                .contains("| `alpha.yaml` | yes |");
    }
}
