package io.flowmesh.conformance.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

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

    /** The window over which the JIT's compiling is weighed during a warm-up. */
    static final Duration SETTLE_WINDOW = Duration.ofSeconds(1);
    /** The most of a window a settled JIT spends compiling, summed over its threads. */
    static final double SETTLED_SHARE = 0.05;
    /** Windows in a row within {@link #SETTLED_SHARE}: one quiet second can be a lull between compilations. */
    static final int SETTLED_WINDOWS = 2;

    /**
     * Runs {@code work} again and again, unmeasured, until the JIT has settled, JMH-style but judged by the
     * compiler itself rather than by a fixed time: until, in {@link #SETTLED_WINDOWS} windows in a row of
     * at least {@link #SETTLE_WINDOW} each, the compilers spent at most {@link #SETTLED_SHARE} of the
     * window compiling, or until {@code limit} has passed. A large program on few cores can keep its C2
     * busy for minutes, and every figure measured meanwhile pays for it: on two cores the compiler takes a
     * core from an audit's second thread.
     *
     * @param limit the longest warm-up; zero for none
     * @param compilingSeconds the compilers' time so far ({@link JitSettings#compilingSeconds}); NaN where
     *     the JVM does not measure it, and then the warm-up runs for the whole {@code limit}
     * @param nanoTime the clock
     */
    static Warmup warmUntilSettled(Duration limit, DoubleSupplier compilingSeconds, LongSupplier nanoTime, Runnable work) {
        long start = nanoTime.getAsLong();
        if (limit.isZero() || limit.isNegative()) {
            return new Warmup(0, Warmup.Settling.NONE, Double.NaN);
        }
        int quietWindows = 0;
        while (true) {
            long windowStart = nanoTime.getAsLong();
            double compiledBefore = compilingSeconds.getAsDouble();
            long now;
            do {
                work.run();
                now = nanoTime.getAsLong();
            } while (now - windowStart < SETTLE_WINDOW.toNanos() && now - start < limit.toNanos());
            double share = (compilingSeconds.getAsDouble() - compiledBefore) / ((now - windowStart) / 1e9);
            quietWindows = share <= SETTLED_SHARE ? quietWindows + 1 : 0;
            double seconds = (now - start) / 1e9;
            if (quietWindows >= SETTLED_WINDOWS) {
                return new Warmup(seconds, Warmup.Settling.SETTLED, share);
            }
            if (now - start >= limit.toNanos()) {
                return new Warmup(seconds, Double.isNaN(share) ? Warmup.Settling.NOT_MEASURED : Warmup.Settling.STILL_COMPILING,
                        share);
            }
        }
    }

    /**
     * What a warm-up came to.
     *
     * @param seconds how long it ran
     * @param settling how it ended
     * @param lastShare the share of its last window the compilers spent compiling; NaN when not measured
     */
    record Warmup(double seconds, Settling settling, double lastShare) {

        /** How a warm-up ended. */
        enum Settling {
            /** No warm-up was asked for. */
            NONE,
            /** The JIT settled. */
            SETTLED,
            /** The limit came while the JIT was still compiling. */
            STILL_COMPILING,
            /** The JVM does not measure its compilers, so the warm-up ran for its whole limit. */
            NOT_MEASURED
        }

        /** In words, for a bench line: "the JIT settled after 212 s (compiling for 1% of its last window; ...)". */
        String describe(Duration limit) {
            return switch (settling) {
                case NONE -> "no warm-up (--warmup-seconds 0)";
                case SETTLED -> String.format(Locale.ROOT, "the JIT settled after %.0f s (compiling for %.0f%% of its last"
                        + " window; at most %d s)", seconds, 100 * lastShare, limit.toSeconds());
                case STILL_COMPILING -> String.format(Locale.ROOT, "the JIT had not settled at the limit, %d s: it compiled"
                        + " for %.0f%% of its last window, and the figures below pay for its work", limit.toSeconds(),
                        100 * lastShare);
                case NOT_MEASURED -> String.format(Locale.ROOT, "%.0f s, the whole limit: this JVM does not measure its"
                        + " JIT's compiling", seconds);
            };
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
