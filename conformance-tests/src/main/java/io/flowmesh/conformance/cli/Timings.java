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
     * Runs {@code work} {@code warmup} times unmeasured, then {@code rounds} times measured.
     *
     * @param work one run; it returns nothing the bench needs, its time is what is measured
     */
    static Timings of(int warmup, int rounds, Runnable work) {
        return measured(warmup, rounds, () -> {
            long start = System.nanoTime();
            work.run();
            return (System.nanoTime() - start) / 1e9;
        });
    }

    /** As {@link #of}, for work that times itself (the seconds it returns are what is measured). */
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

    /** Runs {@code work} again and again, unmeasured, until {@code duration} has passed: a JMH-style warm-up by time. */
    static void warmFor(Duration duration, Runnable work) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            work.run();
        }
    }

    /** The median: the middle run, or the mean of the two middle runs. */
    double median() {
        List<Double> sorted = seconds.stream().sorted().toList();
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
