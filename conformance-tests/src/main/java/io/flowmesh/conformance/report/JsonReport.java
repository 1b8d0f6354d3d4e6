package io.flowmesh.conformance.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flowmesh.conformance.contract.ContractCheck;
import io.flowmesh.conformance.probe.Change;
import io.flowmesh.conformance.spi.Diagnostic;
import org.apiguardian.api.API;

/**
 * The audit as a JSON document: {@code summary{templates, fields, probes, contractCases, checks, passed,
 * failed, ...}}, the regenerated RFC table under {@code rows}, per template
 * {@code {file, valid, violations[], warnings[], fields[{id, pointer, kind, classificationId, treatment,
 * probe, verdict, changed[], pass, reason}]}}, and the contract cases under {@code contracts[{id,
 * contract, case, rule, rows[], status, pass, expected, observed}]}. A selection's summary also holds
 * {@code selection}, how the checks were selected, and its {@code conformant} is false.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The report as pretty-printed JSON text. */
    public static String write(AuditReport report) {
        try {
            return JSON.writeValueAsString(document(report)) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report is plain data and always serialises", e);
        }
    }

    private static Map<String, Object> document(AuditReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> implementation = new LinkedHashMap<>();
        implementation.put("name", report.implementation());
        implementation.put("version", report.implementationVersion());
        root.put("implementation", implementation);
        root.put("classification", report.classification());
        Summary s = report.summary();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("templates", s.templates());
        summary.put("fields", s.fields());
        summary.put("probes", s.probes());
        summary.put("contractCases", s.contractCases());
        summary.put("checks", s.checks());
        summary.put("passed", s.passed());
        summary.put("failed", s.failed());
        summary.put("skipped", s.skipped());
        summary.put("notApplicable", s.notApplicable());
        summary.put("undocumentedNoOps", s.undocumentedNoOps());
        summary.put("knownDeviations", s.expectedFailures());
        summary.put("conformant", s.conformant());
        summary.put("verdict", report.verdict());
        s.selection().ifPresent(how -> summary.put("selection", how));
        root.put("summary", summary);
        List<Object> rows = new ArrayList<>();
        for (RowReport row : report.rows()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", row.row().id());
            r.put("group", row.row().group());
            r.put("field", row.row().field());
            r.put("treatment", row.row().treatment().word());
            r.put("upstreamUses", row.row().upstreamUses());
            r.put("templateUses", row.templateUses());
            r.put("injections", row.injections());
            r.put("verdicts", row.verdicts());
            r.put("passed", row.passed());
            r.put("failed", row.failed());
            r.put("contractsPassed", row.contractsPassed());
            r.put("contractsFailed", row.contractsFailed());
            r.put("measured", row.measured().pass());
            r.put("holds", row.holds());
            r.put("notApplicable", row.notApplicable().orElse(null));
            r.put("reason", row.row().reason());
            rows.add(r);
        }
        root.put("rows", rows);
        List<Object> templates = new ArrayList<>();
        for (TemplateReport t : report.templates()) {
            Map<String, Object> template = new LinkedHashMap<>();
            template.put("file", t.file());
            template.put("valid", t.valid());
            template.put("skipped", t.skipped().orElse(null));
            template.put("violations", diagnostics(t.violations()));
            template.put("warnings", diagnostics(t.warnings()));
            template.put("checks", checks(t.checks()));
            List<Object> fields = new ArrayList<>();
            for (ProbeCheck p : t.probes()) {
                Map<String, Object> field = new LinkedHashMap<>();
                field.put("id", p.id());
                field.put("pointer", p.pointer());
                field.put("kind", p.kind().word());
                field.put("classificationId", p.classificationId());
                field.put("treatment", p.treatment() == null ? null : p.treatment().word());
                field.put("probe", p.probe());
                field.put("verdict", p.verdict().outcome().name());
                field.put("changed", changes(p.verdict().changes()));
                if (!p.verdict().violations().isEmpty()) {
                    field.put("violations", diagnostics(p.verdict().violations()));
                }
                field.put("pass", p.pass());
                field.put("reason", p.judgement().reason());
                fields.add(field);
            }
            template.put("fields", fields);
            templates.add(template);
        }
        root.put("templates", templates);
        List<Object> contracts = new ArrayList<>();
        for (ContractCheck c : report.contracts()) {
            Map<String, Object> contract = new LinkedHashMap<>();
            contract.put("id", c.id());
            contract.put("contract", c.contract());
            contract.put("case", c.caseName());
            contract.put("rule", c.rule());
            contract.put("rows", c.rows());
            contract.put("status", c.status().name());
            contract.put("pass", c.pass());
            contract.put("expected", c.expected());
            contract.put("observed", c.observed());
            contracts.add(contract);
        }
        root.put("contracts", contracts);
        root.put("classificationChecks", checks(report.rowChecks()));
        return root;
    }

    private static List<Object> checks(List<TemplateCheck> checks) {
        List<Object> out = new ArrayList<>();
        for (TemplateCheck c : checks) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("id", c.id());
            check.put("name", c.name());
            check.put("pass", c.pass());
            check.put("reason", c.reason());
            check.put("knownDeviation", c.knownDeviation());
            out.add(check);
        }
        return out;
    }

    private static List<Object> changes(List<Change> changes) {
        List<Object> out = new ArrayList<>();
        for (Change c : changes) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("channel", c.channel());
            change.put("key", c.key());
            change.put("before", c.before());
            change.put("after", c.after());
            out.add(change);
        }
        return out;
    }

    /**
     * Diagnostics as JSON-ready maps of {@code source, pointer, line, column, code, message}: the one
     * shape diagnostics have in reports and on the process protocol.
     */
    public static List<Object> diagnostics(List<Diagnostic> diagnostics) {
        List<Object> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            Map<String, Object> diagnostic = new LinkedHashMap<>();
            diagnostic.put("source", d.source());
            diagnostic.put("pointer", d.pointer());
            diagnostic.put("line", d.line());
            diagnostic.put("column", d.column());
            diagnostic.put("code", d.code());
            diagnostic.put("message", d.message());
            out.add(diagnostic);
        }
        return out;
    }
}
