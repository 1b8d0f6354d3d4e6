package io.flowmesh.reference.backend.vllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class LogitRankingTest {

    @Test
    void ranksHighestFirstTiesByIndexAndMinusInfinityLast() {
        double[] logits = {1.0, 3.0, Double.NEGATIVE_INFINITY, 3.0, 2.0};

        assertThat(LogitRanking.of(logits)).containsExactly(1, 3, 4, 0, 2);
    }

    @Test
    void ranksAsTheComparatorOnMinusLogitDoesForEveryValueIncludingNaNAndSignedZero() {
        SplittableRandom random = new SplittableRandom(7);
        double[] specials = {Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1.5};
        for (int round = 0; round < 2000; round++) {
            double[] logits = new double[1 + random.nextInt(12)];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = random.nextInt(4) == 0 ? specials[random.nextInt(specials.length)] : random.nextInt(5) / 2.0;
            }
            int[] expected = IntStream.range(0, logits.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -logits[i]).thenComparingInt(i -> i))
                    .mapToInt(Integer::intValue).toArray();

            assertThat(LogitRanking.of(logits)).as("logits %s", java.util.Arrays.toString(logits)).containsExactly(expected);
        }
    }
}
