package io.flowmesh.conformance.classification;

import org.apiguardian.api.API;

/**
 * Whether an observation meets the classification, and why.
 *
 * @param pass whether it does
 * @param reason one line naming the rule and the evidence
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Judgement(boolean pass, String reason) {

    static Judgement pass(String reason) {
        return new Judgement(true, reason);
    }

    static Judgement fail(String reason) {
        return new Judgement(false, reason);
    }
}
