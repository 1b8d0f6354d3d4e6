package io.flowmesh.conformance.report;

import java.util.List;

import io.flowmesh.conformance.contract.ContractCheck;
import org.apiguardian.api.API;

/**
 * The audit for people: the RFC table regenerated from the templates, every failure with its
 * evidence, and the totals last, where a terminal leaves them in view.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
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
        Legend.LINES.forEach(line -> out.append("  ").append(line).append(nl));
        out.append(nl);

        appendTable(out, report.rfcTable(), nl);
        out.append(nl);
        long casesPassed = report.contracts().stream().filter(ContractCheck::pass).count();
        long cases = report.contracts().stream().filter(c -> c.status() != ContractCheck.Status.NOT_APPLICABLE).count();
        out.append("Contract cases (the kit's own oracles, docs/contract-cases.md): ").append(casesPassed).append(" of ")
                .append(cases).append(" passed").append(nl).append(nl);
        appendList(out, "Skipped", report.skips(), nl);
        appendList(out, "Not applicable", report.notApplicable(), nl);
        appendList(out, "Rows not judged", report.rowsNotApplicable(), nl);
        appendList(out, "Failures", report.failures(), nl);
        out.append(report.summary().describe()).append(nl);
        out.append(report.verdict()).append(nl);
        return out.toString();
    }

    private static void appendList(StringBuilder out, String title, List<String> lines, String nl) {
        if (!lines.isEmpty()) {
            out.append(title).append(" (").append(lines.size()).append("):").append(nl);
            lines.forEach(line -> out.append("  ").append(line).append(nl));
            out.append(nl);
        }
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
