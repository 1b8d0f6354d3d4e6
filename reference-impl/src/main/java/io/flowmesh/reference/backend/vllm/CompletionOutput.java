package io.flowmesh.reference.backend.vllm;

import java.util.List;

/**
 * One completion of a prompt, as vLLM's {@code CompletionOutput}.
 *
 * @param index the completion's index among the prompt's {@code n}
 * @param text the generated text, without any stop string
 * @param tokenIds the generated token ids
 * @param finishReason {@code length} or {@code stop}
 * @param stopReason the stop string that ended it, or {@code null} (end of sequence, or length)
 */
public record CompletionOutput(int index, String text, List<Integer> tokenIds, String finishReason,
                               String stopReason) {

    public CompletionOutput {
        tokenIds = List.copyOf(tokenIds);
    }
}
