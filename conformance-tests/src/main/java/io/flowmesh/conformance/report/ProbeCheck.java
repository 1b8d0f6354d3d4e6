package io.flowmesh.conformance.report;

import io.flowmesh.conformance.classification.Judgement;
import io.flowmesh.conformance.classification.Treatment;
import io.flowmesh.conformance.probe.Probe;
import io.flowmesh.conformance.probe.Verdict;
import org.apiguardian.api.API;

/**
 * One probe of one field of one template, judged.
 *
 * @param id the stable check ID: {@code <template stem><pointer>/<probe id suffix>}
 * @param pointer the field
 * @param kind what the probe did to the field
 * @param classificationId the covering row's ID, or {@code null} for an unclassified field
 * @param treatment the covering row's treatment, or {@code null}
 * @param probe the probe's description, e.g. {@code perturb: 0.7 -> 2.4}
 * @param verdict what the probe observed
 * @param judgement whether that meets the classification
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record ProbeCheck(String id, String pointer, Probe.Kind kind, String classificationId, Treatment treatment,
        String probe, Verdict verdict, Judgement judgement) {

    /** Whether the check passed. */
    public boolean pass() {
        return judgement.pass();
    }

    /** Whether the probe changed a field the template has, rather than injecting one it lacks. */
    public boolean probesTemplateField() {
        return kind != Probe.Kind.INJECT;
    }

    /** The same check judged anew, e.g. after known deviations are applied. */
    public ProbeCheck withJudgement(Judgement newJudgement) {
        return new ProbeCheck(id, pointer, kind, classificationId, treatment, probe, verdict, newJudgement);
    }
}
