package io.flowmesh.conformance.report;

import java.util.List;

import io.flowmesh.conformance.contract.ContractCheck;
import org.apiguardian.api.API;

/**
 * The audit as Markdown, for people reading it on a code host: the totals, the RFC table regenerated
 * from the templates, the failures and skips, and one line per template.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class MarkdownReport {

    private MarkdownReport() {
    }

    /** The report as Markdown text. */
    public static String write(AuditReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# FlowMesh conformance audit: ").append(report.implementation()).append(' ')
                .append(report.implementationVersion()).append("\n\n");
        out.append("**").append(report.verdict()).append("**: ")
                .append(report.summary().describe()).append(".\n\n");
        out.append("Classification: `").append(report.classification()).append("`\n\n");
        out.append("## The RFC table, measured\n\n");
        Legend.LINES.forEach(line -> out.append("- ").append(cell(line)).append('\n'));
        out.append('\n');
        appendTable(out, report.rfcTable());
        appendList(out, "Failures", report.failures());
        appendList(out, "Skipped templates", report.skips());
        appendList(out, "Contracts not applicable", report.notApplicable());
        appendList(out, "Rows not judged", report.rowsNotApplicable());
        out.append("\n## Contract cases\n\n");
        out.append("Scenarios the kit writes and judges by its own oracle (docs/contract-cases.md).\n\n");
        out.append("| case | rule | result |\n|---|---|---|\n");
        for (ContractCheck c : report.contracts()) {
            out.append("| `").append(c.id()).append("` | ").append(cell(c.rule())).append(" | ")
                    .append(c.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append(" |\n");
        }
        out.append("\n## Templates\n\n");
        out.append("| template | valid | fields probed | failed checks |\n|---|---|---|---|\n");
        for (TemplateReport t : report.templates()) {
            long fields = t.probes().stream().filter(ProbeCheck::probesTemplateField).map(ProbeCheck::pointer)
                    .distinct().count();
            long failed = t.checks().stream().filter(c -> !c.pass()).count() + t.probes().stream().filter(p -> !p.pass()).count();
            out.append("| `").append(t.file()).append("` | ").append(t.skipped().isPresent() ? "skipped" : t.valid() ? "yes" : "no")
                    .append(" | ").append(fields).append(" | ").append(failed).append(" |\n");
        }
        return out.toString();
    }

    private static void appendTable(StringBuilder out, List<List<String>> table) {
        for (int r = 0; r < table.size(); r++) {
            out.append("| ").append(String.join(" | ", table.get(r).stream().map(MarkdownReport::cell).toList())).append(" |\n");
            if (r == 0) {
                out.append("|").append("---|".repeat(table.get(0).size())).append('\n');
            }
        }
    }

    private static void appendList(StringBuilder out, String title, List<String> lines) {
        if (!lines.isEmpty()) {
            out.append("\n## ").append(title).append(" (").append(lines.size()).append(")\n\n");
            lines.forEach(line -> out.append("- ").append(cell(line)).append('\n'));
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
