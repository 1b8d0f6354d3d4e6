package io.flowmesh.reference.backend.vllm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One completion of a prompt, as vLLM's {@code CompletionOutput}.
 *
 * @param index the completion's index among the prompt's {@code n}
 * @param text the generated text, without any stop string
 * @param tokenIds the generated token ids
 * @param finishReason {@code length} or {@code stop}
 * @param stopReason the stop string that ended it, or {@code null} (end of sequence, a stop token, or length)
 * @param logprobs with {@code logprobs: n}, for each generated token the log-probabilities of the
 *     {@code n} most likely candidates (by their rendered word) and of the token chosen, most likely first;
 *     else null
 */
public record CompletionOutput(int index, String text, List<Integer> tokenIds, String finishReason,
                               String stopReason, List<Map<String, Double>> logprobs) {

    public CompletionOutput {
        tokenIds = List.copyOf(tokenIds);
        // Map.copyOf would iterate in an order that changes from one JVM to the next, and the order is part
        // of the trace: keep the candidates in the order the engine ranked them.
        logprobs = logprobs == null ? null : logprobs.stream()
                .map(step -> Collections.unmodifiableMap(new LinkedHashMap<>(step))).toList();
    }
}
