package io.flowmesh.conformance.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Supplier;

import io.flowmesh.conformance.audit.Audit;

/**
 * The audit's progress as one line on a terminal, rewritten in place ({@code 12/53 templates, 7 s});
 * silent when the error stream is no terminal or {@code --quiet} is given, so logs and pipes get
 * only the report. It is redrawn at most ten times a second, so a benchmark's thousand templates cost
 * it nothing measurable.
 */
final class ProgressLine implements Audit.Progress {

    private final PrintWriter err;
    private static final Duration REDRAW = Duration.ofMillis(100);

    private final Supplier<Duration> elapsed;
    private Duration drawn = REDRAW.negated();

    ProgressLine(PrintWriter err, Supplier<Duration> elapsed) {
        this.err = err;
        this.elapsed = elapsed;
    }

    /**
     * Set by the launcher script to whether stderr is a terminal, which Java cannot tell by itself:
     * its console needs stdout to be one too, so {@code audit > report.txt} would hide the line.
     */
    static final String TERMINAL = "flowmesh.stderr.terminal";

    /** The progress line for an interactive run, else one that prints nothing. */
    static Audit.Progress on(PrintWriter err, boolean quiet) {
        if (quiet || !interactive()) {
            return (done, total) -> { };
        }
        long start = System.nanoTime();
        return new ProgressLine(err, () -> Duration.ofNanos(System.nanoTime() - start));
    }

    /** Whether stderr is a terminal, as the launcher says or, without it, as Java's console suggests. */
    static boolean interactive() {
        String terminal = System.getProperty(TERMINAL);
        return terminal != null ? Boolean.parseBoolean(terminal) : System.console() != null;
    }

    @Override
    public synchronized void templateDone(int done, int total) {
        Duration now = elapsed.get();
        if (done < total && now.minus(drawn).compareTo(REDRAW) < 0) {
            return;
        }
        drawn = now;
        err.print("\r" + render(done, total, now) + (done == total ? System.lineSeparator() : ""));
        err.flush();
    }

    /** {@code 12/53 templates, 7 s}. */
    static String render(int done, int total, Duration elapsed) {
        return done + "/" + total + " templates, " + elapsed.toSeconds() + " s";
    }
}
