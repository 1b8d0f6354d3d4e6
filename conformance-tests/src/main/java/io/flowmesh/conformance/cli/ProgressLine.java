package io.flowmesh.conformance.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Supplier;

import io.flowmesh.conformance.audit.Audit;

/**
 * The audit's progress as one line on a terminal, rewritten in place ({@code 12/53 templates, 7 s});
 * silent when the error stream is no terminal or {@code --quiet} is given, so logs and pipes get
 * only the report.
 */
final class ProgressLine implements Audit.Progress {

    private final PrintWriter err;
    private final Supplier<Duration> elapsed;

    ProgressLine(PrintWriter err, Supplier<Duration> elapsed) {
        this.err = err;
        this.elapsed = elapsed;
    }

    /** The progress line for an interactive run, else one that prints nothing. */
    static Audit.Progress on(PrintWriter err, boolean quiet) {
        if (quiet || System.console() == null) {
            return (done, total) -> { };
        }
        long start = System.nanoTime();
        return new ProgressLine(err, () -> Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public synchronized void templateDone(int done, int total) {
        err.print("\r" + render(done, total, elapsed.get()) + (done == total ? System.lineSeparator() : ""));
        err.flush();
    }

    /** {@code 12/53 templates, 7 s}. */
    static String render(int done, int total, Duration elapsed) {
        return done + "/" + total + " templates, " + elapsed.toSeconds() + " s";
    }
}
