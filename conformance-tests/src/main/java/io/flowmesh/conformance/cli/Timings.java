package io.flowmesh.conformance.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Repeated wall-clock measurements of one thing: warm-up runs discarded, then the median of the
 * measured runs with their spread, JMH-style without JMH's forks (the bench measures whole audits,
 * seconds long, for which one warm JVM is the realistic setting).
 *
 * @param seconds the measured runs, in the order they ran
 */
record Timings(List<Double> seconds) {

    Timings {
        if (seconds.isEmpty()) {
            throw new IllegalArgumentException("timings need at least one measured run");
        }
        seconds = List.copyOf(seconds);
    }

    /**
     * Runs {@code timedWork} {@code warmup} times unmeasured, then {@code rounds} times measured.
     *
     * @param timedWork one run, which times itself: the seconds it returns are what is measured
     */
    static Timings measured(int warmup, int rounds, DoubleSupplier timedWork) {
        for (int i = 0; i < warmup; i++) {
            timedWork.getAsDouble();
        }
        List<Double> seconds = new ArrayList<>(rounds);
        for (int i = 0; i < rounds; i++) {
            seconds.add(timedWork.getAsDouble());
        }
        return new Timings(seconds);
    }

    /**
     * Two things measured in turns, one run of each a round after {@code warmup} unmeasured rounds: a drift
     * of the machine's speed over the rounds (a neighbour's load, a frequency step) then moves both alike,
     * and their ratio, taken round by round, keeps what a ratio of two medians measured minutes apart loses.
     *
     * @param first one run of the first thing; the seconds it returns are what is measured
     * @param second one run of the second thing, likewise
     */
    static Pair alternating(int warmup, int rounds, DoubleSupplier first, DoubleSupplier second) {
        for (int i = 0; i < warmup; i++) {
            first.getAsDouble();
            second.getAsDouble();
        }
        List<Double> firsts = new ArrayList<>(rounds);
        List<Double> seconds = new ArrayList<>(rounds);
        for (int i = 0; i < rounds; i++) {
            firsts.add(first.getAsDouble());
            seconds.add(second.getAsDouble());
        }
        return new Pair(new Timings(firsts), new Timings(seconds));
    }

    /**
     * Two things measured in turns ({@link #alternating}).
     *
     * @param first the first thing's runs
     * @param second the second thing's runs, the i-th run right after the first thing's i-th
     */
    record Pair(Timings first, Timings second) {

        Pair {
            if (first.seconds().size() != second.seconds().size()) {
                throw new IllegalArgumentException("a pair of timings needs as many runs of each");
            }
        }

        /** The median over the rounds of the first thing's time over the second's in that round. */
        double medianRatio() {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < first.seconds().size(); i++) {
                ratios.add(first.seconds().get(i) / second.seconds().get(i));
            }
            return median(ratios);
        }
    }

    /** Runs {@code work} again and again, unmeasured, until {@code duration} has passed: a JMH-style warm-up by time. */
    static void warmFor(Duration duration, Runnable work) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            work.run();
        }
    }

    /** The median: the middle run, or the mean of the two middle runs. */
    double median() {
        return median(seconds);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return seconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    double max() {
        return seconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** The spread as a share of the median: (max - min) / median. */
    double spread() {
        double median = median();
        return median == 0 ? 0 : (max() - min()) / median;
    }

    /** {@code 4.210 s [4.100-4.400, ±7%, 5 runs]}, scaled to the unit given. */
    String describe(double scale, String unit) {
        return String.format(Locale.ROOT, "%.3f %s [%.3f-%.3f, spread %.0f%%, %d runs]", median() * scale, unit,
                min() * scale, max() * scale, spread() * 100, seconds.size());
    }
}
