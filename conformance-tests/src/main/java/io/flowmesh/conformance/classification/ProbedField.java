package io.flowmesh.conformance.classification;

import java.util.List;
import java.util.Optional;

import io.flowmesh.conformance.probe.Probe;
import io.flowmesh.conformance.probe.Verdict;
import org.apiguardian.api.API;

/**
 * A field of a template together with what each of its probes observed.
 *
 * @param pointer the field
 * @param row the classification row that covers it, if any
 * @param observations the probes and their verdicts, in the order they ran
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ProbedField(String pointer, Optional<ClassificationRow> row, List<Observation> observations) {

    public ProbedField {
        observations = List.copyOf(observations);
    }

    /**
     * One probe and its verdict.
     *
     * @param probe the change made
     * @param verdict what it did
     * @param expect the effect this probe must show, when the row names one for its value
     */
    public record Observation(Probe probe, Verdict verdict, Optional<ExpectedEffect> expect) {
    }
}
