package io.flowmesh.conformance.report;

import java.util.Locale;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * The audit's totals.
 *
 * @param templates templates audited
 * @param fields field occurrences probed
 * @param probes probe runs judged (field probes and injections)
 * @param contractCases contract cases run and judged (not-applicable ones excluded)
 * @param checks every check judged: probe checks, template checks, row checks and contract cases
 * @param passed checks passed, known deviations that failed as listed included
 * @param failed checks failed
 * @param skipped templates skipped for a missing capability
 * @param notApplicable contracts not run for a missing capability
 * @param undocumentedNoOps fields that no probe showed to be read and no row covers
 * @param expectedFailures checks that failed as a listed known deviation (counted as passed)
 * @param selection how the checks were selected ({@code --only}, {@code --only-failed}) when the audit ran a
 *     selection rather than every check; empty for the full audit
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Summary(int templates, int fields, int probes, int contractCases, int checks, int passed, int failed,
        int skipped, int notApplicable, int undocumentedNoOps, int expectedFailures, Optional<String> selection) {

    public Summary {
        java.util.Objects.requireNonNull(selection, "selection");
    }

    /** The totals of a full audit. */
    public Summary(int templates, int fields, int probes, int contractCases, int checks, int passed, int failed,
            int skipped, int notApplicable, int undocumentedNoOps, int expectedFailures) {
        this(templates, fields, probes, contractCases, checks, passed, failed, skipped, notApplicable, undocumentedNoOps,
                expectedFailures, Optional.empty());
    }

    /**
     * The totals as one line, e.g. {@code 45 templates, 1092 fields, 2329 probes, 64 contract cases:
     * 2600 checks, 2600 passed, 0 failed; ...}.
     */
    public String describe() {
        String line = String.format(Locale.ROOT,
                "%d templates, %d fields, %d probes, %d contract cases: %d checks, %d passed, %d failed; %d templates"
                        + " skipped, %d contracts not applicable; %d undocumented no-ops",
                templates, fields, probes, contractCases, checks, passed, failed, skipped, notApplicable,
                undocumentedNoOps);
        String totals = expectedFailures == 0 ? line : line + "; " + expectedFailures + " known deviations";
        // A selection's totals count only what ran; saying so first keeps them from reading as the audit's.
        return selection.map(how -> "selection of " + checks + " checks (" + how + "), not the full audit: " + totals)
                .orElse(totals);
    }

    /** Whether every check that ran passed; for a selection, that says nothing of the checks that did not run. */
    public boolean allPassed() {
        return failed == 0;
    }

    /** Whether the implementation conforms: the full audit ran and nothing failed. A selection never conforms. */
    public boolean conformant() {
        return failed == 0 && selection.isEmpty();
    }
}
