package io.flowmesh.conformance.report;

import org.apiguardian.api.API;

/**
 * The audit's totals.
 *
 * @param templates templates audited
 * @param fields field occurrences probed
 * @param probes probe runs judged (field probes and injections)
 * @param passed checks passed (probe checks, template checks and row checks)
 * @param failed checks failed
 * @param skipped templates skipped for a missing capability
 * @param undocumentedNoOps fields that no probe showed to be read and no row covers
 * @param expectedFailures checks that failed as a listed known deviation (counted as passed)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Summary(int templates, int fields, int probes, int passed, int failed, int skipped,
        int undocumentedNoOps, int expectedFailures) {

    /** The totals as one line, e.g. {@code 45 templates, 1092 fields, 2329 probes: 2486 passed, 0 failed, ...}. */
    public String describe() {
        String line = String.format(java.util.Locale.ROOT,
                "%d templates, %d fields, %d probes: %d passed, %d failed, %d skipped; %d undocumented no-ops",
                templates, fields, probes, passed, failed, skipped, undocumentedNoOps);
        return expectedFailures == 0 ? line : line + "; " + expectedFailures + " known deviations";
    }

    /** Whether the implementation conforms: nothing failed. */
    public boolean conformant() {
        return failed == 0;
    }
}
