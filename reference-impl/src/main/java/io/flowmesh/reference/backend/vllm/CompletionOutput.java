package io.flowmesh.reference.backend.vllm;

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
 *     {@code n} most likely candidates (by their rendered word) and of the token chosen; else null
 */
public record CompletionOutput(int index, String text, List<Integer> tokenIds, String finishReason,
                               String stopReason, List<Map<String, Double>> logprobs) {

    public CompletionOutput {
        tokenIds = List.copyOf(tokenIds);
        logprobs = logprobs == null ? null : logprobs.stream().map(Map::copyOf).toList();
    }
}
