package io.flowmesh.conformance.audit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apiguardian.api.API;

/**
 * The time one unit of an audit (one template, or the contract cases) may take, and the guard that
 * holds it there: the unit runs on a worker thread; one that overruns is interrupted and abandoned,
 * and one that runs out of memory or stack unwinds there. Either way the audit goes on with the next
 * unit, and the overrun becomes that unit's {@code ERROR}, never the audit's death.
 *
 * @param perTemplate the longest one template's audit may take
 * @since 0.2
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public record Budget(Duration perTemplate) {

    /** System property: the per-template budget in seconds. */
    public static final String PROPERTY = "conformance.templateTimeoutSeconds";

    /** The default per-template budget: generous for real engines, finite for hostile templates. */
    public static final Duration DEFAULT = Duration.ofSeconds(600);

    public Budget {
        Objects.requireNonNull(perTemplate, "perTemplate");
        if (perTemplate.isNegative() || perTemplate.isZero()) {
            throw new IllegalArgumentException("a template budget must be positive, got " + perTemplate);
        }
    }

    /**
     * The budget {@value #PROPERTY} sets, else the default.
     *
     * @throws IllegalArgumentException naming the property when it is not a positive number of seconds
     */
    public static Budget fromSystemProperties() {
        String text = System.getProperty(PROPERTY);
        if (text == null) {
            return new Budget(DEFAULT);
        }
        double seconds;
        try {
            seconds = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            seconds = Double.NaN;
        }
        if (!(seconds > 0 && seconds <= 86_400)) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + text + ": expected a number of seconds in (0, 86400]");
        }
        return new Budget(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    /** How a guarded unit ended. */
    sealed interface Outcome<T> permits Done, Overran {
    }

    /** The unit finished with its value. */
    record Done<T>(T value) implements Outcome<T> {
    }

    /** The unit did not finish: why, in words for the report. */
    record Overran<T>(String why) implements Outcome<T> {
    }

    /**
     * Runs the unit under the budget.
     *
     * @param limit the time the unit may take
     * @param what the unit, for the message ("the audit of this template")
     */
    static <T> Outcome<T> guard(Callable<T> unit, Duration limit, String what) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "flowmesh-audit-unit");
            // An abandoned unit must not keep the JVM alive, nor print its death to stderr.
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> { });
            return thread;
        });
        Future<T> future = worker.submit(unit);
        try {
            return new Done<>(future.get(limit.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Overran<>(what + " did not finish within " + seconds(limit) + " (--template-timeout, -D"
                    + PROPERTY + "); its work was interrupted and abandoned");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OutOfMemoryError) {
                return new Overran<>(what + " ran out of memory (" + cause.getMessage() + ", a heap of at most "
                        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB); its work was abandoned");
            }
            if (cause instanceof StackOverflowError) {
                return new Overran<>(what + " overflowed the stack; its work was abandoned");
            }
            return new Overran<>(what + " failed: " + cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new Overran<>(what + " was interrupted");
        } finally {
            worker.shutdownNow();
        }
    }

    private static String seconds(Duration limit) {
        double s = limit.toMillis() / 1000.0;
        return (s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s)) + " s";
    }
}
