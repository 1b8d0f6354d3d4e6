package io.flowmesh.reference.backend.vllm;

/**
 * Candidate indices ranked by logit, highest first and the lower index first on a tie ({@code -infinity}
 * last), the order vLLM's sampler and its logprobs see. A step has a handful of candidates, so an
 * insertion sort of primitive indices does it without the boxing a comparator sort would need on every
 * generated token.
 */
final class LogitRanking {

    private LogitRanking() {
    }

    /** The indices of {@code logits}, ranked. */
    static int[] of(double[] logits) {
        int[] order = new int[logits.length];
        for (int i = 0; i < order.length; i++) {
            int j = i;
            // Indices arrive in increasing order, so moving only past strictly lower logits keeps ties by index;
            // negated, so that NaN and -0.0 rank exactly as a comparator on -logit ranks them.
            while (j > 0 && Double.compare(-logits[order[j - 1]], -logits[i]) > 0) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        return order;
    }
}
