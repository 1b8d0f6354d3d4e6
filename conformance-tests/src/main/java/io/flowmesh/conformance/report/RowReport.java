package io.flowmesh.conformance.report;

import java.util.Map;

import io.flowmesh.conformance.classification.ClassificationRow;
import org.apiguardian.api.API;

/**
 * One classification row regenerated from the templates: the RFC table's line, measured.
 *
 * @param row the row
 * @param templateUses how many field occurrences in the audited templates it covers
 * @param injections how many injection probes measured it
 * @param verdicts how many probes of the row ended in each outcome
 * @param passed how many of its checks passed
 * @param failed how many failed
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RowReport(ClassificationRow row, int templateUses, int injections, Map<String, Integer> verdicts,
        int passed, int failed) {

    public RowReport {
        verdicts = Map.copyOf(verdicts);
    }

    /** Whether any probe measured the row. */
    public boolean measured() {
        return templateUses + injections > 0;
    }

    /** The measured outcomes as one line, e.g. {@code EFFECT x3, NO_EFFECT x1}. */
    public String verdictLine() {
        return verdicts.isEmpty() ? "not measured" : verdicts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " x" + e.getValue())
                .reduce((a, b) -> a + ", " + b).orElse("");
    }
}
