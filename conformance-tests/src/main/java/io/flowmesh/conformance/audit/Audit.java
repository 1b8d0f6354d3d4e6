package io.flowmesh.conformance.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.classification.ClassificationRow;
import io.flowmesh.conformance.classification.Treatment;
import io.flowmesh.conformance.probe.ProbeRunner;
import io.flowmesh.conformance.report.AuditReport;
import io.flowmesh.conformance.report.ProbeCheck;
import io.flowmesh.conformance.report.RowReport;
import io.flowmesh.conformance.report.Summary;
import io.flowmesh.conformance.report.TemplateCheck;
import io.flowmesh.conformance.report.TemplateReport;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import org.apiguardian.api.API;

/** Audits a corpus of templates against one implementation and one classification. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Audit {

    private final WorkflowImplementation implementation;
    private final Classification classification;
    private final ProbeRunner runner;
    private final Deviations deviations;

    /**
     * @param implementation the implementation under test
     * @param classification the classification to judge against
     * @param options the run options every run gets
     */
    public Audit(WorkflowImplementation implementation, Classification classification, RunOptions options) {
        this(implementation, classification, options, Deviations.none());
    }

    /**
     * @param implementation the implementation under test
     * @param classification the classification to judge against
     * @param options the run options every run gets
     * @param deviations the implementation's known deviations, held as strict expected failures
     */
    public Audit(WorkflowImplementation implementation, Classification classification, RunOptions options,
            Deviations deviations) {
        this.implementation = implementation;
        this.classification = classification;
        this.runner = new ProbeRunner(implementation, options);
        this.deviations = deviations;
    }

    /** The audit of one template, for front ends that run templates one at a time. */
    public TemplateAudit of(Template template) {
        return new TemplateAudit(template, implementation, classification, runner, deviations);
    }

    /** Audits every template and regenerates the RFC table from what was measured. */
    public AuditReport run(List<Template> templates) {
        List<TemplateReport> reports = new ArrayList<>();
        for (Template template : templates) {
            reports.add(of(template).report());
        }
        return assemble(reports, templates);
    }

    /**
     * Builds the row table, the row checks and the summary from per-template reports; a row counts its
     * uses in every one of the templates, valid or not, as the RFC counted them.
     */
    public AuditReport assemble(List<TemplateReport> reports, List<Template> templates) {
        Map<String, Integer> uses = RowUses.in(templates, classification);
        return assemble(reports, row -> uses.getOrDefault(row.id(), 0));
    }

    /** Builds the row table, the row checks and the summary from per-template reports; a row counts its uses in probed templates only. */
    public AuditReport assemble(List<TemplateReport> reports) {
        return assemble(reports, row -> probedUses(row, reports));
    }

    private AuditReport assemble(List<TemplateReport> reports, java.util.function.ToIntFunction<ClassificationRow> uses) {
        List<RowReport> rows = new ArrayList<>();
        List<TemplateCheck> measured = new ArrayList<>();
        for (ClassificationRow row : classification.rows()) {
            RowReport rowReport = rowReport(row, uses.applyAsInt(row), reports);
            rows.add(rowReport);
            measured.add(rowCheck(rowReport));
        }
        List<TemplateCheck> rowChecks = new ArrayList<>(deviations.apply(measured));
        rowChecks.addAll(deviations.unmatched(checkIds(reports, measured)));
        return new AuditReport(implementation.name(), implementation.version(), classification.source(),
                summary(reports, rowChecks), rows, rowChecks, reports);
    }

    private static java.util.Set<String> checkIds(List<TemplateReport> reports, List<TemplateCheck> rowChecks) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        rowChecks.forEach(c -> ids.add(c.id()));
        for (TemplateReport report : reports) {
            report.checks().forEach(c -> ids.add(c.id()));
            report.probes().forEach(p -> ids.add(p.id()));
        }
        return ids;
    }

    /** The check that a row was measured at all: a table row nothing exercised proves nothing. */
    public static TemplateCheck rowCheck(RowReport row) {
        String id = "classification/" + row.row().id() + "/measured";
        String name = row.row().field() + " is measured";
        // Measured means probed: uses also count templates that were refused, where nothing was probed.
        if (row.verdicts().isEmpty()) {
            String how = row.row().treatment() == Treatment.REMOVE ? "no template could take an injection of it"
                    : "no audited template uses it";
            return new TemplateCheck(id, name, false, "not measured: " + how);
        }
        return new TemplateCheck(id, name, true, row.templateUses() + " template use(s), " + row.injections()
                + " injection(s): " + row.verdictLine());
    }

    private static int probedUses(ClassificationRow row, List<TemplateReport> reports) {
        int uses = 0;
        for (TemplateReport report : reports) {
            uses += (int) report.probes().stream()
                    .filter(p -> row.id().equals(p.classificationId()) && !p.id().endsWith("/inject"))
                    .map(ProbeCheck::pointer).distinct().count();
        }
        return uses;
    }

    private RowReport rowReport(ClassificationRow row, int uses, List<TemplateReport> reports) {
        int injections = 0;
        int passed = 0;
        int failed = 0;
        Map<String, Integer> verdicts = new TreeMap<>();
        for (TemplateReport report : reports) {
            for (ProbeCheck check : report.probes()) {
                if (row.id().equals(check.classificationId())) {
                    verdicts.merge(check.verdict().outcome().name(), 1, Integer::sum);
                    if (check.id().endsWith("/inject")) {
                        injections++;
                    }
                    if (check.pass()) {
                        passed++;
                    } else {
                        failed++;
                    }
                }
            }
        }
        return new RowReport(row, uses, injections, verdicts, passed, failed);
    }

    private static Summary summary(List<TemplateReport> reports, List<TemplateCheck> rowChecks) {
        int fields = 0;
        int probes = 0;
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        int noOps = 0;
        int expected = 0;
        for (TemplateReport report : reports) {
            if (report.skipped().isPresent()) {
                skipped++;
                continue;
            }
            for (TemplateCheck check : report.checks()) {
                if (check.pass()) {
                    passed++;
                } else {
                    failed++;
                }
                expected += check.reason().startsWith(Deviations.EXPECTED) ? 1 : 0;
            }
            String lastPointer = null;
            for (ProbeCheck check : report.probes()) {
                probes++;
                if (check.pass()) {
                    passed++;
                } else {
                    failed++;
                }
                expected += check.judgement().reason().startsWith(Deviations.EXPECTED) ? 1 : 0;
                if (!check.id().endsWith("/inject") && !check.pointer().equals(lastPointer)) {
                    fields++;
                    if (check.classificationId() == null && !check.pass()) {
                        noOps++;
                    }
                    lastPointer = check.pointer();
                }
            }
        }
        for (TemplateCheck check : rowChecks) {
            if (check.pass()) {
                passed++;
            } else {
                failed++;
            }
            expected += check.reason().startsWith(Deviations.EXPECTED) ? 1 : 0;
        }
        return new Summary(reports.size(), fields, probes, passed, failed, skipped, noOps, expected);
    }
}
