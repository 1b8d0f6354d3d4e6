package io.flowmesh.conformance.classification;

import java.util.List;
import java.util.Optional;

import io.flowmesh.conformance.probe.Pointers;
import org.apiguardian.api.API;

/**
 * One row of the RFC table.
 *
 * @param id a stable identifier, used in check IDs and reports
 * @param group the RFC group, e.g. {@code executor key}
 * @param field the field as the RFC names it, e.g. {@code resources.replicas}
 * @param patterns the pointer patterns the row covers
 * @param treatment what the RFC decided
 * @param reason why, in the RFC's words
 * @param upstreamUses how many upstream templates used the field when the RFC was written
 * @param probes exact perturb values, tried in order, the first that differs from the template's value is used
 * @param effect the effect a {@code support} or {@code fix} probe must produce; empty for "no effect"
 * @param forbidden effects the probe must never change
 * @param injection how a {@code remove} row's field is injected, if it is
 * @param values what the row says about particular values: valid ones, invalid ones, absence
 * @param armedBy the switch without which the row's effect is not expected, if the row names one
 * @param anyProbe whether every probe value that differs from the template's runs and the effect must
 *     show for at least one of them (a threshold that already stops at the earliest update cannot stop
 *     earlier, but a larger one lets the run go on), rather than only the first such value
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record ClassificationRow(String id, String group, String field, List<FieldPattern> patterns,
        Treatment treatment, String reason, int upstreamUses, List<ProbeValue> probes,
        Optional<ExpectedEffect> effect, List<ForbiddenEffect> forbidden, Optional<Injection> injection,
        ValueRules values, Optional<Arming> armedBy, boolean anyProbe) {

    public ClassificationRow {
        patterns = List.copyOf(patterns);
        probes = List.copyOf(probes);
        forbidden = List.copyOf(forbidden);
        java.util.Objects.requireNonNull(values, "values");
        java.util.Objects.requireNonNull(armedBy, "armedBy");
    }

    /** Whether any of the row's patterns matches the pointer. */
    public boolean covers(String pointer) {
        return covers(Pointers.segments(pointer));
    }

    /** Whether one of the row's patterns matches a pointer of these (unescaped) segments. */
    public boolean covers(List<String> pointerSegments) {
        return patterns.stream().anyMatch(pattern -> pattern.matches(pointerSegments));
    }
}
