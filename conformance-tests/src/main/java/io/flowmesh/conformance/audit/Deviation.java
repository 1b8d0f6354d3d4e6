package io.flowmesh.conformance.audit;

import org.apiguardian.api.API;

/**
 * A known deviation of the implementation under test: a check it is expected to fail, and why.
 *
 * @param check the stable check ID, e.g. {@code vllm_chat_qwen/spec/model/source/revision/perturb}
 * @param reason why the implementation deviates, e.g. a tracking issue
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Deviation(String check, String reason) {
}
