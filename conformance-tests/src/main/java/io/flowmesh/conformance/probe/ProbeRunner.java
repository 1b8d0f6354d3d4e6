package io.flowmesh.conformance.probe;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
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

    private final WorkflowImplementation implementation;
    private final RunOptions options;

    /**
     * @param implementation the implementation under test
     * @param options the run options every run gets
     */
    public ProbeRunner(WorkflowImplementation implementation, RunOptions options) {
        this.implementation = implementation;
        this.options = options;
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
                return new BaseRun.Completed(completed.trace(), completed.warnings());
            }
            RunResult.Rejected rejected = (RunResult.Rejected) result;
            return new BaseRun.Failed(Verdict.rejected(Verdict.Stage.RUN, rejected.violations(), rejected.warnings()));
        } catch (RuntimeException e) {
            return new BaseRun.Failed(Verdict.error(describe(e)));
        }
    }

    /** Applies the probe to the template tree, runs it and compares it with the base trace. */
    public Verdict run(Probe probe, JsonNode template, EffectTrace baseTrace) {
        String yaml = TemplateTree.write(probe.applyTo(template));
        try {
            RunResult result = implementation.run(yaml, options);
            if (result instanceof RunResult.Completed completed) {
                List<Change> changes = TraceDiff.between(baseTrace, completed.trace());
                return changes.isEmpty() ? Verdict.noEffect(completed.warnings())
                        : Verdict.effect(changes, completed.warnings());
            }
            RunResult.Rejected rejected = (RunResult.Rejected) result;
            Verdict.Stage stage = implementation.parse(yaml, "probe").isValid() ? Verdict.Stage.RUN : Verdict.Stage.PARSE;
            return Verdict.rejected(stage, rejected.violations(), rejected.warnings());
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
         */
        record Completed(EffectTrace trace, List<io.flowmesh.conformance.spi.Diagnostic> warnings) implements BaseRun {
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
