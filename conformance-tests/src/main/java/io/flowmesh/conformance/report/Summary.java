package io.flowmesh.conformance.report;

import java.util.Locale;

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
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Summary(int templates, int fields, int probes, int contractCases, int checks, int passed, int failed,
        int skipped, int notApplicable, int undocumentedNoOps, int expectedFailures) {

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
        return expectedFailures == 0 ? line : line + "; " + expectedFailures + " known deviations";
    }

    /** Whether the implementation conforms: nothing failed. */
    public boolean conformant() {
        return failed == 0;
    }
}
