package io.flowmesh.reference.backend.vllm;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from (penalised) logits as vLLM's sampler does: greedy ({@code temperature 0}
 * or {@code top_k 1}) takes the highest logit, the first on a tie; otherwise logits are divided by the
 * temperature, turned into probabilities, cut to the {@code top_k} most likely, to the smallest set
 * whose mass reaches {@code top_p}, and to those at least {@code min_p} times the most likely, then
 * one is drawn from the random stream.
 */
public final class TokenSampler {

    private final SamplingParams params;

    /** A sampler for these params. */
    public TokenSampler(SamplingParams params) {
        this.params = params;
    }

    /** The index of the chosen logit; {@code -infinity} logits are never chosen. */
    public int pick(double[] logits, SplittableRandom random) {
        int[] order = LogitRanking.of(logits);
        if (params.greedy()) {
            return order[0];
        }
        double[] p = new double[logits.length];
        double top = logits[order[0]];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Double.isInfinite(logits[i]) ? 0 : Math.exp((logits[i] - top) / params.temperature());
            sum += p[i];
        }
        int keep = params.topK() > 0 ? Math.min(params.topK(), logits.length) : logits.length;
        double mass = 0;
        for (int rank = 0; rank < keep; rank++) {
            mass += p[order[rank]] / sum;
            if (mass >= params.topP()) {
                keep = rank + 1;
                break;
            }
        }
        double floor = params.minP() * p[order[0]];
        boolean[] kept = new boolean[logits.length];
        double keptSum = 0;
        for (int rank = 0; rank < keep; rank++) {
            if (p[order[rank]] > 0 && p[order[rank]] >= floor) {
                kept[order[rank]] = true;
                keptSum += p[order[rank]];
            }
        }
        double u = random.nextDouble() * keptSum;
        double cumulative = 0;
        for (int rank = 0; rank < keep; rank++) {
            if (kept[order[rank]]) {
                cumulative += p[order[rank]];
                if (u < cumulative) {
                    return order[rank];
                }
            }
        }
        return Arrays.stream(order).filter(i -> kept[i]).reduce((a, b) -> b).orElse(order[0]);
    }
}
