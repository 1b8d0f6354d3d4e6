package io.flowmesh.conformance.process;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

import org.apiguardian.api.API;

/**
 * How far the kit trusts an implementation process: how long it waits for one answer, how long one
 * answer line may be, how much of its stderr it keeps, and how often it restarts a process that broke
 * the protocol. A process that exceeds a limit fails that one request with an {@code ERROR} naming the
 * limit; the kit then restarts it and goes on with the next check.
 *
 * <p>Defaults are documented in {@code docs/process-protocol.md}; each can be set by a system property
 * ({@link #fromSystemProperties()}).
 *
 * @param requestTimeout the longest wait for one answer, from sending the request; positive
 * @param maxLineBytes the longest answer line, in bytes without its line end; positive
 * @param stderrTailBytes how many of the last stderr bytes are kept and quoted; positive
 * @param maxRestarts how often in a row a broken process is restarted, without answering a request in between,
 *     before every further request fails at once
 * @param exitGrace how long a process may take to exit once its input is closed, before it is killed
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record ProcessLimits(Duration requestTimeout, int maxLineBytes, int stderrTailBytes, int maxRestarts,
        Duration exitGrace) {

    /** System property: {@link #requestTimeout()} in seconds (decimals allowed). */
    public static final String TIMEOUT_PROPERTY = "conformance.process.timeoutSeconds";
    /** System property: {@link #maxLineBytes()}. */
    public static final String MAX_LINE_PROPERTY = "conformance.process.maxLineBytes";
    /** System property: {@link #stderrTailBytes()}. */
    public static final String STDERR_TAIL_PROPERTY = "conformance.process.stderrTailBytes";
    /** System property: {@link #maxRestarts()}. */
    public static final String MAX_RESTARTS_PROPERTY = "conformance.process.maxRestarts";

    public ProcessLimits {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(exitGrace, "exitGrace");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("the request timeout must be positive, got " + requestTimeout);
        }
        if (maxLineBytes < 1 || stderrTailBytes < 1 || maxRestarts < 0 || exitGrace.isNegative()) {
            throw new IllegalArgumentException("process limits must be positive (restarts and grace may be 0)");
        }
    }

    /**
     * 120 s per request, 16 MiB per answer line, a 64 KiB stderr tail, one restart in a row (a process that
     * faults again before answering anything is given up), 2 s to exit.
     */
    public static ProcessLimits defaults() {
        return new ProcessLimits(Duration.ofSeconds(120), 16 << 20, 64 << 10, 1, Duration.ofSeconds(2));
    }

    /**
     * The defaults with every limit whose system property is set replaced by it.
     *
     * @throws IllegalArgumentException naming the property when one is not a positive number
     */
    public static ProcessLimits fromSystemProperties() {
        return from(System::getProperty);
    }

    /** The defaults with every limit {@code properties} names replaced (for tests and embedding). */
    static ProcessLimits from(Function<String, String> properties) {
        ProcessLimits d = defaults();
        Duration timeout = d.requestTimeout();
        String seconds = properties.apply(TIMEOUT_PROPERTY);
        if (seconds != null) {
            timeout = Duration.ofMillis(Math.round(positive(TIMEOUT_PROPERTY, seconds, 86_400) * 1000));
        }
        return new ProcessLimits(timeout,
                (int) integer(properties, MAX_LINE_PROPERTY, d.maxLineBytes(), 1, Integer.MAX_VALUE - 16),
                (int) integer(properties, STDERR_TAIL_PROPERTY, d.stderrTailBytes(), 1, 16 << 20),
                (int) integer(properties, MAX_RESTARTS_PROPERTY, d.maxRestarts(), 0, 1000), d.exitGrace());
    }

    /** A copy with another restart limit. */
    public ProcessLimits withMaxRestarts(int restarts) {
        return new ProcessLimits(requestTimeout, maxLineBytes, stderrTailBytes, restarts, exitGrace);
    }

    /** A copy with another request timeout. */
    public ProcessLimits withRequestTimeout(Duration timeout) {
        return new ProcessLimits(timeout, maxLineBytes, stderrTailBytes, maxRestarts, exitGrace);
    }

    /** A copy with another longest answer line. */
    public ProcessLimits withMaxLineBytes(int bytes) {
        return new ProcessLimits(requestTimeout, bytes, stderrTailBytes, maxRestarts, exitGrace);
    }

    private static double positive(String property, String text, double most) {
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value > 0 && value <= most)) {
            throw new IllegalArgumentException("-D" + property + "=" + text + ": expected a number of seconds in (0, "
                    + (long) most + "]");
        }
        return value;
    }

    private static long integer(Function<String, String> properties, String property, long fallback, long least,
            long most) {
        String text = properties.apply(property);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= least && value <= most) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with what is allowed.
        }
        throw new IllegalArgumentException("-D" + property + "=" + text + ": expected a whole number in [" + least
                + ", " + most + "]");
    }
}
