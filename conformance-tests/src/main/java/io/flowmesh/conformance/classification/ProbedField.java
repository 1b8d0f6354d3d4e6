package io.flowmesh.conformance.classification;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.flowmesh.conformance.probe.Probe;
import io.flowmesh.conformance.probe.Verdict;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.EffectTrace;
import org.apiguardian.api.API;

/**
 * A field of a template together with what each of its probes observed.
 *
 * @param pointer the field
 * @param row the classification row that covers it, if any
 * @param observations the probes and their verdicts, in the order they ran
 * @param base the unchanged template's trace, which a probe that changed nothing left as it was
 * @param declaredNoEffect the base run's warning that this field has no runtime effect, if it raised one
 * @param disarmed why the row's arming switch is off in this template ({@link Arming}), if it is
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record ProbedField(String pointer, Optional<ClassificationRow> row, List<Observation> observations,
        EffectTrace base, Optional<Diagnostic> declaredNoEffect, Optional<String> disarmed) {

    public ProbedField {
        Objects.requireNonNull(pointer, "pointer");
        observations = List.copyOf(observations);
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(disarmed, "disarmed");
    }

    /** A field whose base trace is empty and that no warning declares without effect. */
    public ProbedField(String pointer, Optional<ClassificationRow> row, List<Observation> observations) {
        this(pointer, row, observations, new EffectTrace(List.of()), Optional.empty(), Optional.empty());
    }

    /**
     * One probe and its verdict.
     *
     * @param probe the change made
     * @param verdict what it did
     * @param expect the effect this probe must show, when the row names one for its value or for the
     *     field's absence
     */
    public record Observation(Probe probe, Verdict verdict, Optional<ExpectedEffect> expect) {
    }
}
