package io.flowmesh.conformance.suite;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.apiguardian.api.API;

/**
 * Keeps implementations' informational logging off the console while the kit runs them, unless asked
 * for: an audit runs every template dozens of times, and an implementation that logs each PPO early stop
 * or agent outcome at INFO (through {@code java.util.logging} or {@link System.Logger}, whose default
 * backend it is) would print hundreds of lines around the one report. Warnings and errors still show.
 *
 * <p>{@code --verbose} on the command line and {@value #PROPERTY}{@code =true} for the suites leave the
 * levels as they are.
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public final class Verbosity implements AutoCloseable {

    /** System property: {@code true} to let implementations log at INFO and below during the suites. */
    public static final String PROPERTY = "conformance.verbose";

    private final Logger root;
    private final Level previous;

    private Verbosity(Logger root, Level previous) {
        this.root = root;
        this.previous = previous;
    }

    /**
     * Raises the root {@code java.util.logging} level to WARNING until {@link #close()}, unless
     * {@code verbose}.
     */
    public static Verbosity quietUnless(boolean verbose) {
        if (verbose) {
            return new Verbosity(null, null);
        }
        Logger root = Logger.getLogger("");
        Level previous = root.getLevel();
        if (previous == null || previous.intValue() < Level.WARNING.intValue()) {
            root.setLevel(Level.WARNING);
        }
        return new Verbosity(root, previous);
    }

    /** As {@link #quietUnless(boolean)}, verbose when {@value #PROPERTY} is {@code true}. */
    public static Verbosity fromSystemProperties() {
        return quietUnless(Boolean.getBoolean(PROPERTY));
    }

    /** Puts the previous level back. */
    @Override
    public void close() {
        if (root != null) {
            root.setLevel(previous);
        }
    }
}
