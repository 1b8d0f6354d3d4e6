package io.flowmesh.reference.backend.ppo;

import java.util.List;
import java.util.Objects;

/**
 * The prompt batch as the trainer's tokenizer padded it.
 *
 * @param paddingSide the side the tokenizer was set up to pad on: {@code left} or {@code right}
 * @param inputIds one row of token ids per prompt, in prompt order, padded to the longest
 * @param attentionMask one row per prompt: 1 where {@code inputIds} holds a prompt token, 0 at a pad
 */
public record TokenizedPrompts(String paddingSide, List<List<Long>> inputIds, List<List<Long>> attentionMask) {

    public TokenizedPrompts {
        Objects.requireNonNull(paddingSide, "paddingSide");
        inputIds = inputIds.stream().map(List::copyOf).toList();
        attentionMask = attentionMask.stream().map(List::copyOf).toList();
        if (inputIds.size() != attentionMask.size()) {
            throw new IllegalArgumentException("one attention-mask row per prompt: " + inputIds.size() + " prompts, "
                    + attentionMask.size() + " rows");
        }
        for (int i = 0; i < inputIds.size(); i++) {
            if (inputIds.get(i).size() != attentionMask.get(i).size()) {
                throw new IllegalArgumentException("attention-mask row " + i + " does not match its prompt's length");
            }
        }
    }
}
