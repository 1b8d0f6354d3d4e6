package io.flowmesh.conformance.probe;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.EffectTrace;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import org.apiguardian.api.API;

/**
 * Runs templates and probe templates through an implementation and judges the difference.
 *
 * <p>An exception thrown by the implementation never escapes: it becomes an {@link Verdict.Outcome#ERROR}
 * verdict carrying the exception's type and message.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ProbeRunner {

    /** System property: the largest trace accepted, in bytes of its canonical JSON lines. */
    public static final String MAX_TRACE_PROPERTY = "conformance.maxTraceBytes";

    /** 4 MiB: a hundred times the largest trace of the bundled templates on the reference. */
    public static final int DEFAULT_MAX_TRACE_BYTES = 4 << 20;

    private final WorkflowImplementation implementation;
    private final RunOptions options;
    private final long maxTraceBytes;

    /**
     * A runner that accepts traces up to {@value #MAX_TRACE_PROPERTY} bytes, else the default.
     *
     * @param implementation the implementation under test
     * @param options the run options every run gets
     * @throws IllegalArgumentException when the property is not a positive whole number
     */
    public ProbeRunner(WorkflowImplementation implementation, RunOptions options) {
        this(implementation, options, maxTraceBytesFromSystemProperties());
    }

    /**
     * @param implementation the implementation under test
     * @param options the run options every run gets
     * @param maxTraceBytes the largest trace accepted; a larger one is an {@code ERROR}, so that one
     *     implementation's flood cannot exhaust the audit's memory or its report
     */
    public ProbeRunner(WorkflowImplementation implementation, RunOptions options, long maxTraceBytes) {
        if (maxTraceBytes < 1) {
            throw new IllegalArgumentException("the trace limit must be positive");
        }
        this.implementation = implementation;
        this.options = options;
        this.maxTraceBytes = maxTraceBytes;
    }

    /**
     * The trace limit {@value #MAX_TRACE_PROPERTY} sets, else the default.
     *
     * @throws IllegalArgumentException naming the property when it is not a positive whole number
     */
    public static long maxTraceBytesFromSystemProperties() {
        String text = System.getProperty(MAX_TRACE_PROPERTY);
        if (text == null) {
            return DEFAULT_MAX_TRACE_BYTES;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with what is allowed.
        }
        throw new IllegalArgumentException("-D" + MAX_TRACE_PROPERTY + "=" + text + ": expected a whole number of bytes >= 1");
    }

    /** Why the trace is refused, when it is larger than the limit. */
    private java.util.Optional<String> oversized(EffectTrace trace, CanonicalTrace canonical) {
        if (canonical.bytes() <= maxTraceBytes) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("the trace (" + trace.effects().size() + " effects) is larger than "
                + maxTraceBytes + " bytes, the most the audit accepts (-D" + MAX_TRACE_PROPERTY + ")");
    }

    /**
     * Runs the template unchanged.
     *
     * @return the run's result, or an exception turned into a {@link BaseRun.Failed}
     */
    public BaseRun runBase(String yaml) {
        try {
            RunResult result = implementation.run(yaml, options);
            if (result instanceof RunResult.Completed completed) {
                CanonicalTrace canonical = CanonicalTrace.of(completed.trace());
                java.util.Optional<String> oversized = oversized(completed.trace(), canonical);
                if (oversized.isPresent()) {
                    return new BaseRun.Failed(Verdict.error(oversized.get()));
                }
                return new BaseRun.Completed(completed.trace(), completed.warnings(), canonical, TemplateLines.of(yaml));
            }
            RunResult.Rejected rejected = (RunResult.Rejected) result;
            return new BaseRun.Failed(Verdict.rejected(Verdict.Stage.RUN, rejected.violations(), rejected.warnings()));
        } catch (RuntimeException e) {
            return new BaseRun.Failed(Verdict.error(describe(e)));
        }
    }

    /**
     * Applies the probe to the template tree, runs it and compares it with the base run's trace. What the
     * implementation says of the probe is placed at the lines of the template, not of the probe's text.
     */
    public Verdict run(Probe probe, JsonNode template, BaseRun.Completed base) {
        String yaml = TemplateTree.write(probe.applyTo(template));
        try {
            RunResult result = implementation.run(yaml, options);
            if (result instanceof RunResult.Completed completed) {
                CanonicalTrace canonical = CanonicalTrace.of(completed.trace(), base.canonical());
                java.util.Optional<String> oversized = oversized(completed.trace(), canonical);
                if (oversized.isPresent()) {
                    return Verdict.error(oversized.get());
                }
                List<Change> changes = TraceDiff.between(base.canonical(), canonical);
                List<Diagnostic> warnings = base.lines().locate(completed.warnings());
                return changes.isEmpty() ? Verdict.noEffect(warnings) : Verdict.effect(changes, warnings);
            }
            RunResult.Rejected rejected = (RunResult.Rejected) result;
            Verdict.Stage stage = implementation.parse(yaml, "probe").isValid() ? Verdict.Stage.RUN : Verdict.Stage.PARSE;
            return Verdict.rejected(stage, base.lines().locate(rejected.violations()), base.lines().locate(rejected.warnings()));
        } catch (RuntimeException e) {
            return Verdict.error(describe(e));
        }
    }

    private static String describe(RuntimeException e) {
        return e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** The unchanged template's run. */
    public sealed interface BaseRun permits BaseRun.Completed, BaseRun.Failed {

        /**
         * The template ran.
         *
         * @param trace its effects
         * @param warnings its warnings
         * @param canonical the trace as probes are compared with it
         * @param lines where the template writes its fields, where its probes' diagnostics are placed
         */
        record Completed(EffectTrace trace, List<Diagnostic> warnings, CanonicalTrace canonical, TemplateLines lines)
                implements BaseRun {
        }

        /**
         * The template did not run.
         *
         * @param verdict why: a rejection or an error
         */
        record Failed(Verdict verdict) implements BaseRun {
        }
    }
}
