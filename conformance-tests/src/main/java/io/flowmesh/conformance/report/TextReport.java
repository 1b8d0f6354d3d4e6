package io.flowmesh.conformance.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apiguardian.api.API;

/**
 * The audit for people: the RFC table regenerated from the templates, every failure with its
 * evidence, and the totals last, where a terminal leaves them in view.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TextReport {

    private TextReport() {
    }

    /** The report as plain text. */
    public static String write(AuditReport report) {
        StringBuilder out = new StringBuilder();
        String nl = System.lineSeparator();
        out.append("FlowMesh conformance audit: ").append(report.implementation()).append(' ')
                .append(report.implementationVersion()).append(nl);
        out.append("classification: ").append(report.classification()).append(nl).append(nl);

        List<List<String>> table = new ArrayList<>();
        table.add(List.of("field", "uses", "upstream", "treatment", "observed", "result"));
        for (RowReport row : report.rows()) {
            table.add(List.of(row.row().field(), String.valueOf(row.templateUses()),
                    String.valueOf(row.row().upstreamUses()), row.row().treatment().word()
                            + (row.injections() > 0 ? " (injected x" + row.injections() + ")" : ""),
                    row.verdictLine(), row.failed() == 0 && row.measured() ? "pass" : "FAIL"));
        }
        appendTable(out, table, nl);

        List<String> failures = new ArrayList<>();
        for (TemplateCheck check : report.rowChecks()) {
            if (!check.pass()) {
                failures.add(check.id() + ": " + check.reason());
            }
        }
        List<String> skipped = new ArrayList<>();
        for (TemplateReport template : report.templates()) {
            template.skipped().ifPresent(why -> skipped.add(template.file() + ": " + why));
            for (TemplateCheck check : template.checks()) {
                if (!check.pass()) {
                    failures.add(template.file() + " › " + check.name() + ": " + check.reason());
                }
            }
            for (ProbeCheck probe : template.probes()) {
                if (!probe.pass()) {
                    failures.add(template.file() + " › " + probe.pointer() + " › " + probe.probe() + ": "
                            + probe.judgement().reason());
                }
            }
        }
        out.append(nl);
        if (!skipped.isEmpty()) {
            out.append("Skipped (").append(skipped.size()).append("):").append(nl);
            skipped.forEach(s -> out.append("  ").append(s).append(nl));
            out.append(nl);
        }
        if (!failures.isEmpty()) {
            out.append("Failures (").append(failures.size()).append("):").append(nl);
            failures.forEach(f -> out.append("  ").append(f).append(nl));
            out.append(nl);
        }
        Summary s = report.summary();
        out.append(String.format(Locale.ROOT,
                "%d templates, %d fields, %d probes: %d passed, %d failed, %d skipped; %d undocumented no-ops%n",
                s.templates(), s.fields(), s.probes(), s.passed(), s.failed(), s.skipped(), s.undocumentedNoOps()));
        out.append(s.conformant() ? "CONFORMANT" : "NOT CONFORMANT").append(nl);
        return out.toString();
    }

    private static void appendTable(StringBuilder out, List<List<String>> rows, String nl) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = rows.get(r).get(c);
                line.append(cell).append(" ".repeat(widths[c] - cell.length() + 2));
            }
            out.append(line.toString().stripTrailing()).append(nl);
            if (r == 0) {
                StringBuilder rule = new StringBuilder();
                for (int c = 0; c < columns; c++) {
                    rule.append("-".repeat(widths[c])).append("  ");
                }
                out.append(rule.toString().stripTrailing()).append(nl);
            }
        }
    }
}
