package io.flowmesh.conformance.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.flowmesh.conformance.contract.ContractCheck;
import org.apiguardian.api.API;

/**
 * The result of one audit of a template corpus against one implementation.
 *
 * @param implementation the implementation's name
 * @param implementationVersion its version
 * @param classification where the classification came from
 * @param summary the totals
 * @param rows the RFC table regenerated, row by row
 * @param rowChecks the checks about rows (each row measured) and about the deviations file
 * @param templates the per-template detail
 * @param contracts the contract cases, in the order they ran
 * @param taskTypes the task types the implementation declared, which bound what could be measured
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record AuditReport(String implementation, String implementationVersion, String classification,
        Summary summary, List<RowReport> rows, List<TemplateCheck> rowChecks, List<TemplateReport> templates,
        List<ContractCheck> contracts, Set<String> taskTypes) {

    public AuditReport {
        taskTypes = java.util.Set.copyOf(taskTypes);
        rows = List.copyOf(rows);
        rowChecks = List.copyOf(rowChecks);
        templates = List.copyOf(templates);
        contracts = List.copyOf(contracts);
    }

    /** Every failed check as one line naming where it failed and why: rows, contract cases, then templates in order. */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        for (TemplateCheck check : rowChecks) {
            if (!check.pass()) {
                failures.add(check.id() + ": " + check.reason());
            }
        }
        for (ContractCheck contract : contracts) {
            if (contract.status() == ContractCheck.Status.FAILED) {
                failures.add(contract.id() + ": " + contract.rule() + ": expected " + contract.expected() + "; observed "
                        + contract.observed());
            }
        }
        for (TemplateReport template : templates) {
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
        return failures;
    }

    /** Every skipped template as one line with the reason. */
    public List<String> skips() {
        List<String> skips = new ArrayList<>();
        templates.forEach(t -> t.skipped().ifPresent(why -> skips.add(t.file() + ": " + why)));
        return skips;
    }

    /**
     * The verdict in words: {@code CONFORMANT}, {@code NOT CONFORMANT}, or for an implementation
     * measured only in part, {@code CONFORMANT for task types [...]: 3 of 45 templates, 9 of 22 rows, 2 of 13
     * contracts}. A selection's verdict says {@code SELECTION PASSED} or {@code SELECTION FAILED} and that it
     * is not a conformance verdict.
     */
    public String verdict() {
        if (summary.selection().isPresent()) {
            return summary.allPassed()
                    ? "SELECTION PASSED: " + summary.checks() + " of " + summary.checks() + " selected checks passed;"
                            + " not a conformance verdict (the full audit gives one)"
                    : "SELECTION FAILED: " + summary.failed() + " of " + summary.checks() + " selected checks failed;"
                            + " not a conformance verdict (the full audit gives one)";
        }
        if (!summary.conformant()) {
            return "NOT CONFORMANT";
        }
        if (!measuredInPart()) {
            return "CONFORMANT";
        }
        long judged = rows.stream().filter(RowReport::applicable).count();
        return "CONFORMANT for task types " + new TreeSet<>(taskTypes) + ": " + templatesRun() + " of " + templates.size()
                + " templates, " + judged + " of " + rows.size() + " rows, " + contractsRun().size() + " of "
                + allContracts().size() + " contracts";
    }

    /**
     * Whether the implementation's capabilities left part of the contract unmeasured: a row not judged, a
     * template skipped or a contract not applicable. The verdict then names the profile.
     */
    public boolean measuredInPart() {
        return rows.stream().anyMatch(r -> !r.applicable()) || templatesRun() < templates.size()
                || contractsRun().size() < allContracts().size();
    }

    /** How many templates ran, not skipped for a missing capability. */
    public long templatesRun() {
        return templates.stream().filter(t -> t.skipped().isEmpty()).count();
    }

    private Set<String> contractsRun() {
        Set<String> run = new TreeSet<>();
        contracts.stream().filter(c -> c.status() != ContractCheck.Status.NOT_APPLICABLE).forEach(c -> run.add(c.contract()));
        return run;
    }

    private Set<String> allContracts() {
        Set<String> all = new TreeSet<>();
        contracts.forEach(c -> all.add(c.contract()));
        return all;
    }

    /** Every row not judged, as one line with the reason. */
    public List<String> rowsNotApplicable() {
        return rows.stream().filter(r -> !r.applicable())
                .map(r -> r.row().field() + ": " + r.notApplicable().get()).toList();
    }

    /** Every contract not run for a missing capability, as one line with the reason. */
    public List<String> notApplicable() {
        return contracts.stream().filter(c -> c.status() == ContractCheck.Status.NOT_APPLICABLE)
                .map(c -> c.id() + ": " + c.expected()).toList();
    }

    /** The regenerated RFC table: a header row, then one row per classification row. */
    public List<List<String>> rfcTable() {
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("field", "uses", "upstream", "treatment", "observed", "contracts", "result"));
        for (RowReport row : rows) {
            table.add(List.of(row.row().field(), String.valueOf(row.templateUses()),
                    String.valueOf(row.row().upstreamUses()), row.row().treatment().word()
                            + (row.injections() > 0 ? " (injected x" + row.injections() + ")" : ""),
                    row.verdictLine(), row.contractLine(), row.result()));
        }
        return table;
    }
}
