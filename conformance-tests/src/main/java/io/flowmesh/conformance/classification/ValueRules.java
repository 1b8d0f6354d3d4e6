package io.flowmesh.conformance.classification;

import java.util.List;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * What a row says about particular values of its field, beyond the perturb probe.
 *
 * @param accepts valid values the field must accept without any execution effect (checked for
 *     {@code keep} rows by the contract cases: a refusal of a valid value fails the row)
 * @param rejects invalid values that must be refused, at parse or at run time, by a violation at the
 *     field; each is probed in every template that uses the field
 * @param whenAbsent the effect the remove probe must produce: what the runtime hands over when the
 *     field is left out (e.g. {@code report_to = "none"} without {@code log_with})
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public record ValueRules(List<Object> accepts, List<Object> rejects, Optional<ExpectedEffect> whenAbsent) {

    public ValueRules {
        accepts = List.copyOf(accepts);
        rejects = List.copyOf(rejects);
    }

    /** No rules about particular values. */
    public static ValueRules none() {
        return new ValueRules(List.of(), List.of(), Optional.empty());
    }
}
