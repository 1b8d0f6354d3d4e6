package io.flowmesh.conformance.classification;

import org.apiguardian.api.API;

/**
 * Whether an observation meets the classification, and why.
 *
 * @param pass whether it does (a known deviation that fails as listed counts as passed)
 * @param reason one line naming the rule and the evidence
 * @param knownDeviation whether the check failed as a listed known deviation says it does
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Judgement(boolean pass, String reason, boolean knownDeviation) {

    /** A judgement that involves no known deviation. */
    public Judgement(boolean pass, String reason) {
        this(pass, reason, false);
    }

    static Judgement pass(String reason) {
        return new Judgement(true, reason);
    }

    static Judgement fail(String reason) {
        return new Judgement(false, reason);
    }
}
