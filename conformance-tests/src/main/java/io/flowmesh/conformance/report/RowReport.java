package io.flowmesh.conformance.report;

import java.util.Map;
import java.util.Optional;

import io.flowmesh.conformance.classification.ClassificationRow;
import org.apiguardian.api.API;

/**
 * One classification row regenerated from the templates: the RFC table's line, measured.
 *
 * @param row the row
 * @param templateUses how many field occurrences in the audited templates it covers
 * @param injections how many injection probes measured it
 * @param verdicts how many probes of the row ended in each outcome
 * @param passed how many of its probe checks passed
 * @param failed how many failed
 * @param contractsPassed how many contract cases backing the row passed
 * @param contractsFailed how many failed
 * @param measured the check that the row was measured at all
 * @param notApplicable why the row was not judged at all (the implementation's capabilities, or a
 *     template author's corpus, leave nothing to measure it by), or empty when it was
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record RowReport(ClassificationRow row, int templateUses, int injections, Map<String, Integer> verdicts,
        int passed, int failed, int contractsPassed, int contractsFailed, TemplateCheck measured,
        Optional<String> notApplicable) {

    public RowReport {
        // By outcome name, so the reports list them the same way in every run.
        verdicts = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(verdicts));
    }

    /** Whether the row was judged: measured, or failed for not being measured. */
    public boolean applicable() {
        return notApplicable.isEmpty();
    }

    /** Whether any probe measured the row. */
    public boolean probed() {
        return templateUses + injections > 0;
    }

    /** Whether the row holds: measured, and none of its probes or contract cases failed (an unjudged row does not). */
    public boolean holds() {
        return applicable() && measured.pass() && failed == 0 && contractsFailed == 0;
    }

    /** The table's result cell: {@code pass}, {@code FAIL}, or {@code n/a} for a row not judged. */
    public String result() {
        return !applicable() ? "n/a" : holds() ? "pass" : "FAIL";
    }

    /** The measured outcomes as one line, e.g. {@code EFFECT x3, NO_EFFECT x1}. */
    public String verdictLine() {
        return verdictLine(verdicts);
    }

    /** Probe outcome counts as one line, e.g. {@code EFFECT x3, NO_EFFECT x1}; {@code no probe} when empty. */
    public static String verdictLine(Map<String, Integer> verdicts) {
        return verdicts.isEmpty() ? "no probe" : verdicts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " x" + e.getValue())
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** The contract cases as one cell, e.g. {@code 7/7}, or {@code -} when no contract backs the row. */
    public String contractLine() {
        int all = contractsPassed + contractsFailed;
        return all == 0 ? "-" : contractsPassed + "/" + all;
    }
}
