package io.flowmesh.conformance.report;

import org.apiguardian.api.API;

/**
 * A check about a whole template or a whole classification row, such as "runs" or "is deterministic".
 *
 * @param id the stable check ID, e.g. {@code ppo_llama_1b/deterministic}
 * @param name what is checked, for people
 * @param pass whether it passed (a known deviation that fails as listed counts as passed)
 * @param reason the evidence
 * @param knownDeviation whether it failed as a listed known deviation says it does
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record TemplateCheck(String id, String name, boolean pass, String reason, boolean knownDeviation) {

    /** A check that involves no known deviation. */
    public TemplateCheck(String id, String name, boolean pass, String reason) {
        this(id, name, pass, reason, false);
    }
}
