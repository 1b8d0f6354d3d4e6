package io.flowmesh.conformance.report;

import java.util.List;

import org.apiguardian.api.API;

/**
 * The result of one audit of a template corpus against one implementation.
 *
 * @param implementation the implementation's name
 * @param implementationVersion its version
 * @param classification where the classification came from
 * @param summary the totals
 * @param rows the RFC table regenerated, row by row
 * @param rowChecks the checks about rows (measured, unused when removed)
 * @param templates the per-template detail
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AuditReport(String implementation, String implementationVersion, String classification,
        Summary summary, List<RowReport> rows, List<TemplateCheck> rowChecks, List<TemplateReport> templates) {

    public AuditReport {
        rows = List.copyOf(rows);
        rowChecks = List.copyOf(rowChecks);
        templates = List.copyOf(templates);
    }
}
