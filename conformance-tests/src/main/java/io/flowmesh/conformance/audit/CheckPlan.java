package io.flowmesh.conformance.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.classification.ClassificationRow;
import io.flowmesh.conformance.contract.ContractCheck;
import io.flowmesh.conformance.contract.ContractSuite;
import org.apiguardian.api.API;

/**
 * Every check an audit of a corpus plans, known without running anything: each template's checks and
 * probes (from its text and the classification), the contract cases, and one check per classification
 * row. An ID depends only on its template's file name, the field's pointer and the probe, or on the
 * contract and case, so reordering the corpus or adding a field to one template changes no other ID.
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public final class CheckPlan {

    private final List<PlannedCheck> checks;

    private CheckPlan(List<PlannedCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The plan of an audit of these templates against this classification. */
    public static CheckPlan of(List<Template> templates, Classification classification) {
        List<PlannedCheck> checks = new ArrayList<>();
        for (Template template : templates) {
            checks.addAll(TemplateAudit.planned(template, classification));
        }
        for (ContractCheck c : ContractSuite.standard(classification).cases()) {
            checks.add(new PlannedCheck(c.id(), PlannedCheck.Kind.CONTRACT_CASE, Optional.empty(), Optional.of(c.contract()),
                    c.rows()));
        }
        for (ClassificationRow row : classification.rows()) {
            checks.add(new PlannedCheck(Audit.rowCheckId(row), PlannedCheck.Kind.ROW, Optional.empty(),
                    Optional.empty(), List.of(row.id())));
        }
        checks.sort(Comparator.comparing(PlannedCheck::id));
        return new CheckPlan(checks);
    }

    /** Every planned check, sorted by ID. */
    public List<PlannedCheck> checks() {
        return checks;
    }

    /**
     * Every planned ID that {@code --list} prints and {@code --only} matches, sorted, each once: all but the
     * budget checks, which a report holds only for a template that overran (a failed one, rerun by
     * {@code --only-failed}, reruns its template).
     */
    public List<String> ids() {
        return checks.stream().filter(c -> c.kind() != PlannedCheck.Kind.WHOLE_TEMPLATE).map(PlannedCheck::id).distinct()
                .toList();
    }
}
