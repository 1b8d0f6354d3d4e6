package io.flowmesh.reference.backend.vllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class TokenSamplerTest {

    private static final double[] LOGITS = {1.0, 3.0, 3.0, 2.0, Double.NEGATIVE_INFINITY};

    private static TokenSampler sampler(Map<String, Object> params) throws EngineRequestException {
        return new TokenSampler(SamplingParams.fromMap(params));
    }

    private static Set<Integer> picks(TokenSampler sampler) {
        Set<Integer> picked = new HashSet<>();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 2000; i++) {
            picked.add(sampler.pick(LOGITS, random));
        }
        return picked;
    }

    @Test
    void greedyTakesTheHighestLogitAndTheFirstOnATie() throws EngineRequestException {
        assertThat(sampler(Map.of("temperature", 0.0)).pick(LOGITS, new SplittableRandom(1))).isEqualTo(1);
        assertThat(sampler(Map.of("top_k", 1)).pick(LOGITS, new SplittableRandom(9))).isEqualTo(1);
    }

    @Test
    void samplingDrawsEveryFiniteLogitAndNeverAnInfiniteOne() throws EngineRequestException {
        assertThat(picks(sampler(Map.of("temperature", 1.0)))).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void topKTopPAndMinPCutTheCandidates() throws EngineRequestException {
        assertThat(picks(sampler(Map.of("top_k", 2)))).as("top_k 2").containsExactlyInAnyOrder(1, 2);
        assertThat(picks(sampler(Map.of("top_p", 0.1)))).as("top_p 0.1: the most likely alone").containsExactly(1);
        assertThat(picks(sampler(Map.of("min_p", 0.5)))).as("min_p 0.5: e^-1 of the top is 0.37")
                .containsExactlyInAnyOrder(1, 2);
    }
}
