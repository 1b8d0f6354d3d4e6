package io.flowmesh.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TimingsTest {

    @Test
    void theMedianIsTheMiddleRunOrTheMeanOfTheTwoMiddleOnes() {
        assertThat(new Timings(List.of(5.0, 1.0, 3.0)).median()).isEqualTo(3.0);
        assertThat(new Timings(List.of(4.0, 1.0, 3.0, 2.0)).median()).isEqualTo(2.5);
    }

    @Test
    void theSpreadIsTheRangeAsAShareOfTheMedian() {
        Timings timings = new Timings(List.of(2.0, 1.8, 2.2));

        assertThat(timings.min()).isEqualTo(1.8);
        assertThat(timings.max()).isEqualTo(2.2);
        assertThat(timings.spread()).isCloseTo(0.2, within(1e-9));
        assertThat(timings.describe(1, "s")).isEqualTo("2.000 s [1.800-2.200, spread 20%, 3 runs]");
        assertThat(timings.describe(1e3, "ms")).startsWith("2000.000 ms [1800.000-2200.000");
    }

    @Test
    void warmUpRunsRunButAreNotMeasured() {
        List<Double> returned = new ArrayList<>(List.of(100.0, 100.0, 1.0, 2.0, 3.0));
        int[] runs = {0};

        Timings timings = Timings.measured(2, 3, () -> {
            runs[0]++;
            return returned.remove(0);
        });

        assertThat(runs[0]).isEqualTo(5);
        assertThat(timings.seconds()).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void twoThingsMeasuredInTurnsGiveTheMedianOfTheRoundsRatios() {
        List<String> order = new ArrayList<>();
        // The machine slows down fourfold over the rounds; each round's ratio stays 2.
        List<Double> first = new ArrayList<>(List.of(9.0, 2.0, 4.0, 8.0));
        List<Double> second = new ArrayList<>(List.of(9.0, 1.0, 2.0, 4.0));

        Timings.Pair pair = Timings.alternating(1, 3, () -> {
            order.add("first");
            return first.remove(0);
        }, () -> {
            order.add("second");
            return second.remove(0);
        });

        assertThat(order).as("runs in turns, the warm-up round first").containsExactly("first", "second", "first", "second",
                "first", "second", "first", "second");
        assertThat(pair.first().seconds()).containsExactly(2.0, 4.0, 8.0);
        assertThat(pair.second().seconds()).containsExactly(1.0, 2.0, 4.0);
        assertThat(pair.medianRatio()).isEqualTo(2.0);
        Timings.Pair apart = new Timings.Pair(new Timings(List.of(4.0, 10.0, 3.0)), new Timings(List.of(1.0, 2.0, 3.0)));
        assertThat(apart.medianRatio()).as("the median of the ratios 4, 5 and 1, not the ratio of the medians, 2").isEqualTo(4.0);
    }

    @Test
    void atLeastOneRunIsMeasured() {
        assertThatThrownBy(() -> new Timings(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWarmUpByTimeRunsUntilItsTimeIsUpAndNotAtAllForNone() {
        int[] runs = new int[1];
        Timings.warmFor(java.time.Duration.ZERO, () -> runs[0]++);
        assertThat(runs[0]).as("runs of a zero warm-up").isZero();

        long start = System.nanoTime();
        Timings.warmFor(java.time.Duration.ofMillis(20), () -> runs[0]++);
        assertThat(System.nanoTime() - start).as("nanoseconds warmed").isGreaterThanOrEqualTo(20_000_000L);
        assertThat(runs[0]).as("runs of a 20 ms warm-up").isPositive();
    }
}
