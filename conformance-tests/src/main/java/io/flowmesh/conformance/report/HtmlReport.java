package io.flowmesh.conformance.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import io.flowmesh.conformance.classification.Treatment;
import io.flowmesh.conformance.contract.ContractCheck;
import io.flowmesh.conformance.probe.Change;
import io.flowmesh.conformance.probe.Verdict;
import org.apiguardian.api.API;

/**
 * The audit as one self-contained HTML page (no network: styles and the filter script are inline):
 * the verdict, the RFC table first, the treatment × verdict picture, the contract cases, then every
 * probe check, filterable by treatment, verdict and template, each EFFECT expanding to its
 * before/after diff.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class HtmlReport {

    private static final String STYLE = String.join("\n",
            "body{font-family:system-ui,sans-serif;margin:2em;color:#222}",
            "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left}",
            "th{background:#f3f3f3}.pass{color:#176f2c}.fail{color:#b00020;font-weight:bold}.na{color:#777}",
            "#picture td{text-align:center;min-width:5em}#picture td.ok{background:#c8e6c9}",
            "#picture td.bad{background:#ffcdd2}#picture td.none{background:#eee;color:#999}",
            "tr.hidden{display:none}details summary{cursor:pointer}code{font-size:.9em}");

    private static final String SCRIPT = String.join("\n",
            "function applyFilters(){",
            "  var t=document.getElementById('filter-treatment').value;",
            "  var v=document.getElementById('filter-verdict').value;",
            "  var f=document.getElementById('filter-template').value;",
            "  document.querySelectorAll('#checks tr.check').forEach(function(row){",
            "    var show=(!t||row.dataset.treatment===t)&&(!v||row.dataset.verdict===v)&&(!f||row.dataset.template===f);",
            "    row.classList.toggle('hidden',!show);",
            "  });",
            "}",
            "['filter-treatment','filter-verdict','filter-template'].forEach(function(id){",
            "  document.getElementById(id).addEventListener('change',applyFilters);",
            "});",
            // Going back to the page (or reloading it) restores the controls' values without a change event.
            "window.addEventListener('pageshow',applyFilters);");

    private HtmlReport() {
    }

    /** The report as an HTML page. */
    public static String write(AuditReport report) {
        StringBuilder out = new StringBuilder();
        String title = "FlowMesh conformance audit: " + report.implementation() + " " + report.implementationVersion();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title><style>").append(STYLE).append("</style></head><body>\n");
        out.append("<h1>").append(escape(title)).append("</h1>\n");
        out.append("<p id=\"verdict\" class=\"").append(report.summary().allPassed() ? "pass" : "fail").append("\">")
                .append(escape(report.verdict())).append("</p>\n");
        out.append("<p id=\"summary\">").append(escape(report.summary().describe())).append("</p>\n");
        rfcTable(out, report);
        out.append("<ul id=\"legend\">");
        Legend.LINES.forEach(line -> out.append("<li>").append(escape(line)).append("</li>"));
        out.append("</ul>\n");
        picture(out, report);
        contracts(out, report.contracts());
        checks(out, report);
        out.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return out.toString();
    }

    private static void rfcTable(StringBuilder out, AuditReport report) {
        out.append("<h2>The RFC table, measured</h2>\n<table id=\"rfc-table\"><thead><tr>");
        List<List<String>> table = report.rfcTable();
        table.get(0).forEach(column -> out.append("<th>").append(escape(column)).append("</th>"));
        out.append("</tr></thead><tbody>\n");
        for (int i = 1; i < table.size(); i++) {
            RowReport row = report.rows().get(i - 1);
            out.append("<tr data-row=\"").append(escape(row.row().id())).append("\" data-treatment=\"")
                    .append(row.row().treatment().word()).append("\">");
            List<String> cells = table.get(i);
            for (int c = 0; c < cells.size(); c++) {
                String css = c == cells.size() - 1 ? resultClass(row.result()) : null;
                out.append(css == null ? "<td>" : "<td class=\"" + css + "\">").append(escape(cells.get(c))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    /** Treatment × verdict: how many probes of each treatment ended in each outcome, green when all passed. */
    private static void picture(StringBuilder out, AuditReport report) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (TemplateReport template : report.templates()) {
            for (ProbeCheck probe : template.probes()) {
                String treatment = probe.treatment() == null ? "unclassified" : probe.treatment().word();
                int[] cell = counts.computeIfAbsent(treatment + "/" + probe.verdict().outcome().name(), k -> new int[2]);
                cell[probe.pass() ? 0 : 1]++;
            }
        }
        out.append("<h2>Treatment × verdict</h2>\n<table id=\"picture\"><thead><tr><th>treatment</th>");
        for (Verdict.Outcome outcome : Verdict.Outcome.values()) {
            out.append("<th>").append(outcome.name()).append("</th>");
        }
        out.append("</tr></thead><tbody>\n");
        for (String treatment : treatmentWords()) {
            out.append("<tr><th>").append(treatment).append("</th>");
            for (Verdict.Outcome outcome : Verdict.Outcome.values()) {
                int[] cell = counts.getOrDefault(treatment + "/" + outcome.name(), new int[2]);
                String css = cell[0] + cell[1] == 0 ? "none" : cell[1] == 0 ? "ok" : "bad";
                out.append("<td class=\"").append(css).append("\" data-treatment=\"").append(treatment)
                        .append("\" data-verdict=\"").append(outcome.name()).append("\">").append(cell[0] + cell[1])
                        .append(cell[1] > 0 ? " (" + cell[1] + " failed)" : "").append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static void contracts(StringBuilder out, List<ContractCheck> contracts) {
        out.append("<h2>Contract cases</h2>\n<table id=\"contracts\"><thead><tr><th>case</th><th>rule</th>")
                .append("<th>expected</th><th>observed</th><th>result</th></tr></thead><tbody>\n");
        for (ContractCheck c : contracts) {
            String result = c.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            out.append("<tr data-id=\"").append(escape(c.id())).append("\"><td><code>").append(escape(c.id()))
                    .append("</code></td><td>").append(escape(c.rule())).append("</td><td>").append(escape(c.expected()))
                    .append("</td><td>").append(escape(c.observed())).append("</td><td class=\"")
                    .append(c.status() == ContractCheck.Status.FAILED ? "fail" : c.pass() ? "pass" : "na").append("\">")
                    .append(escape(result)).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static void checks(StringBuilder out, AuditReport report) {
        TreeSet<String> templates = new TreeSet<>();
        report.templates().forEach(t -> templates.add(t.file()));
        out.append("<h2>Probes</h2>\n<form id=\"filters\">");
        select(out, "filter-treatment", "every treatment", treatmentWords());
        List<String> outcomes = new ArrayList<>();
        for (Verdict.Outcome outcome : Verdict.Outcome.values()) {
            outcomes.add(outcome.name());
        }
        select(out, "filter-verdict", "every verdict", outcomes);
        select(out, "filter-template", "every template", List.copyOf(templates));
        out.append("</form>\n<table id=\"checks\"><thead><tr><th>check</th><th>probe</th><th>verdict</th>")
                .append("<th>why</th><th>result</th></tr></thead><tbody>\n");
        for (TemplateReport template : report.templates()) {
            for (ProbeCheck probe : template.probes()) {
                out.append("<tr class=\"check\" data-id=\"").append(escape(probe.id())).append("\" data-template=\"")
                        .append(escape(template.file())).append("\" data-treatment=\"")
                        .append(probe.treatment() == null ? "unclassified" : probe.treatment().word())
                        .append("\" data-verdict=\"").append(probe.verdict().outcome().name()).append("\"><td><code>")
                        .append(escape(probe.id())).append("</code></td><td>").append(escape(probe.probe())).append("</td><td>");
                verdict(out, probe.verdict());
                out.append("</td><td>").append(escape(probe.judgement().reason())).append("</td><td class=\"")
                        .append(probe.pass() ? "pass\">pass" : "fail\">FAIL").append("</td></tr>\n");
            }
        }
        out.append("</tbody></table>\n");
    }

    private static void verdict(StringBuilder out, Verdict verdict) {
        if (verdict.outcome() != Verdict.Outcome.EFFECT) {
            out.append(escape(verdict.summary()));
            return;
        }
        out.append("<details><summary>").append(escape(verdict.summary())).append("</summary><table class=\"diff\">")
                .append("<tr><th>effect</th><th>before</th><th>after</th></tr>");
        for (Change change : verdict.changes()) {
            out.append("<tr><td>").append(escape(change.channel() + "/" + change.key())).append("</td><td>")
                    .append(escape(change.before() == null ? "(absent)" : change.before())).append("</td><td>")
                    .append(escape(change.after() == null ? "(absent)" : change.after())).append("</td></tr>");
        }
        out.append("</table></details>");
    }

    private static List<String> treatmentWords() {
        List<String> words = new ArrayList<>();
        for (Treatment treatment : Treatment.values()) {
            words.add(treatment.word());
        }
        words.add("unclassified");
        return words;
    }

    private static void select(StringBuilder out, String id, String all, List<String> options) {
        out.append("<select id=\"").append(id).append("\"><option value=\"\">").append(escape(all)).append("</option>");
        options.forEach(option -> out.append("<option value=\"").append(escape(option)).append("\">")
                .append(escape(option)).append("</option>"));
        out.append("</select> ");
    }

    private static String resultClass(String result) {
        return result.equals("pass") ? "pass" : result.equals("FAIL") ? "fail" : "na";
    }

    /** Text as HTML character data or attribute value. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
