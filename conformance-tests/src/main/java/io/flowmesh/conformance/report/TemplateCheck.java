package io.flowmesh.conformance.report;

import org.apiguardian.api.API;

/**
 * A check about a whole template or a whole classification row, such as "runs" or "is deterministic".
 *
 * @param id the stable check ID, e.g. {@code ppo_llama_1b/deterministic}
 * @param name what is checked, for people
 * @param pass whether it passed
 * @param reason the evidence
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TemplateCheck(String id, String name, boolean pass, String reason) {
}
