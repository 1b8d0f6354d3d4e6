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

    /**
     * A machine whose every run of work takes 400 ms on a fake clock, and whose compilers spend what
     * {@code compilingPerRun} says for the n-th run (0-based) compiling.
     */
    private static final class FakeJvm {
        private final java.util.function.IntToDoubleFunction compilingPerRun;
        long nanos;
        double compiled;
        int runs;

        FakeJvm(java.util.function.IntToDoubleFunction compilingPerRun) {
            this.compilingPerRun = compilingPerRun;
        }

        Timings.Warmup warm(java.time.Duration limit) {
            return Timings.warmUntilSettled(limit, () -> compiled, () -> nanos, () -> {
                compiled += compilingPerRun.applyAsDouble(runs++);
                nanos += 400_000_000L;
            });
        }
    }

    @Test
    void aWarmUpEndsOnceTheCompilersWereQuietForTwoWindowsInARow() {
        // Windows of three runs (1.2 s): the compiler busy for the first six runs, then quiet.
        FakeJvm jvm = new FakeJvm(run -> run < 6 ? 0.2 : 0.0);
        Timings.Warmup warmup = jvm.warm(java.time.Duration.ofSeconds(600));
        assertThat(warmup.settling()).isEqualTo(Timings.Warmup.Settling.SETTLED);
        assertThat(jvm.runs).as("two busy windows, then two quiet ones").isEqualTo(12);
        assertThat(warmup.seconds()).isCloseTo(4.8, within(1e-9));
        assertThat(warmup.describe(java.time.Duration.ofSeconds(600)))
                .isEqualTo("the JIT settled after 5 s (compiling for 0% of its last window; at most 600 s)");
    }

    @Test
    void aQuietWindowBetweenBusyOnesIsALullNotTheEnd() {
        // Busy, quiet, busy, quiet, quiet: the lone quiet window does not end the warm-up.
        FakeJvm jvm = new FakeJvm(run -> (run / 3 == 0 || run / 3 == 2) ? 0.2 : 0.0);
        assertThat(jvm.warm(java.time.Duration.ofSeconds(600)).settling()).isEqualTo(Timings.Warmup.Settling.SETTLED);
        assertThat(jvm.runs).isEqualTo(15);
    }

    @Test
    void aCompilerJustUnderTheShareCountsAsSettledAndJustOverDoesNot() {
        // 5% of a 1.2 s window is 0.06 s: 0.02 s a run is 0.06 s a window, 0.021 s is over.
        FakeJvm under = new FakeJvm(run -> 0.0199);
        assertThat(under.warm(java.time.Duration.ofSeconds(600)).settling()).isEqualTo(Timings.Warmup.Settling.SETTLED);
        assertThat(under.runs).isEqualTo(6);
        FakeJvm over = new FakeJvm(run -> 0.021);
        Timings.Warmup warmup = over.warm(java.time.Duration.ofSeconds(10));
        assertThat(warmup.settling()).isEqualTo(Timings.Warmup.Settling.STILL_COMPILING);
        assertThat(warmup.lastShare()).isCloseTo(0.0525, within(1e-9));
    }

    @Test
    void aCompilerThatNeverSettlesIsCutAtTheLimitAndSaysSo() {
        FakeJvm jvm = new FakeJvm(run -> 0.2);
        Timings.Warmup warmup = jvm.warm(java.time.Duration.ofSeconds(3));
        assertThat(warmup.settling()).isEqualTo(Timings.Warmup.Settling.STILL_COMPILING);
        assertThat(jvm.runs).as("runs until the 3 s limit, the last window cut short by it").isEqualTo(8);
        assertThat(warmup.seconds()).isCloseTo(3.2, within(1e-9));
        assertThat(warmup.describe(java.time.Duration.ofSeconds(3))).isEqualTo("the JIT had not settled at the limit, 3 s:"
                + " it compiled for 50% of its last window, and the figures below pay for its work");
    }

    @Test
    void aJvmThatDoesNotMeasureItsCompilersWarmsUpForTheWholeLimit() {
        FakeJvm jvm = new FakeJvm(run -> Double.NaN);
        Timings.Warmup warmup = jvm.warm(java.time.Duration.ofSeconds(2));
        assertThat(warmup.settling()).isEqualTo(Timings.Warmup.Settling.NOT_MEASURED);
        assertThat(jvm.runs).isEqualTo(5);
    }

    @Test
    void aZeroLimitRunsNothing() {
        FakeJvm jvm = new FakeJvm(run -> 0.2);
        Timings.Warmup warmup = jvm.warm(java.time.Duration.ZERO);
        assertThat(warmup.settling()).isEqualTo(Timings.Warmup.Settling.NONE);
        assertThat(jvm.runs).isZero();
        assertThat(warmup.describe(java.time.Duration.ZERO)).isEqualTo("no warm-up (--warmup-seconds 0)");
    }
}
