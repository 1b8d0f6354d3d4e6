package io.flowmesh.reference.backend.vllm;

import java.util.Map;
import java.util.Set;

/**
 * vLLM's repetition, frequency and presence penalties, applied to raw logits before temperature, in
 * vLLM's order: {@code repetition_penalty} r divides a positive logit by r and multiplies a negative
 * one by r for every token seen in the prompt or the output so far; then {@code frequency_penalty}
 * subtracts f times the token's count in the output, and {@code presence_penalty} subtracts p once if
 * the token occurs in the output at all. Neutral values (r 1, f 0, p 0) change nothing.
 *
 * @param repetition {@code repetition_penalty}
 * @param frequency {@code frequency_penalty}
 * @param presence {@code presence_penalty}
 */
record LogitPenalties(double repetition, double frequency, double presence) {

    /** The penalties of these sampling params. */
    static LogitPenalties of(SamplingParams params) {
        return new LogitPenalties(params.repetitionPenalty(), params.frequencyPenalty(), params.presencePenalty());
    }

    /**
     * Penalises {@code logits} in place.
     *
     * @param tokens the token id of each logit
     * @param inPrompt whether a token id occurs in the prompt
     * @param outputCounts how often each token id occurs in the output so far
     */
    void apply(int[] tokens, double[] logits, Set<Integer> inPrompt, Map<Integer, Integer> outputCounts) {
        for (int i = 0; i < tokens.length; i++) {
            int count = outputCounts.getOrDefault(tokens[i], 0);
            if (count > 0 || inPrompt.contains(tokens[i])) {
                logits[i] = logits[i] > 0 ? logits[i] / repetition : logits[i] * repetition;
            }
            logits[i] -= frequency * count;
            if (count > 0) {
                logits[i] -= presence;
            }
        }
    }
}
