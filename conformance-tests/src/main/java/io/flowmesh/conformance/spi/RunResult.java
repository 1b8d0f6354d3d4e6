package io.flowmesh.conformance.spi;

import java.util.List;
import java.util.Objects;

import org.apiguardian.api.API;

/**
 * The outcome of {@link WorkflowImplementation#run}: either the template ran and produced an
 * {@link EffectTrace}, or it was refused, by the parser or at run time, with violations.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public sealed interface RunResult permits RunResult.Completed, RunResult.Rejected {

    /** Warnings raised while parsing and running. */
    List<Diagnostic> warnings();

    /**
     * The template ran to completion.
     *
     * @param trace the effects handed to the outside world, in order
     * @param warnings the warnings raised on the way
     */
    record Completed(EffectTrace trace, List<Diagnostic> warnings) implements RunResult {
        public Completed {
            Objects.requireNonNull(trace, "trace");
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The template was refused.
     *
     * @param violations why; never empty
     * @param warnings the warnings raised before it was refused
     */
    record Rejected(List<Diagnostic> violations, List<Diagnostic> warnings) implements RunResult {
        public Rejected {
            violations = List.copyOf(violations);
            warnings = List.copyOf(warnings);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one violation");
            }
        }
    }
}
