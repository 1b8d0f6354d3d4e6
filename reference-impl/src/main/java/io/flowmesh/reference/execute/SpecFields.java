package io.flowmesh.reference.execute;

import java.util.Map;
import java.util.Optional;

import io.flowmesh.reference.parse.TaskSpec;
import io.flowmesh.reference.parse.TemplateProblem;
import io.flowmesh.reference.schedule.ShardSlice;

/**
 * The fields of one task's spec as its executor reads them. A running task reads them through its
 * {@link TaskContext}; validation reads them through {@link StaticFields} before anything has run, so
 * the conversions and checks an executor applies are one piece of code for both.
 */
public interface SpecFields {

    /** The task's spec, with the envelope's defaults applied. */
    TaskSpec spec();

    /**
     * A free-form section by name ({@code inference}, {@code model.vllm}, ...): only the keys the
     * executor declares, in template order; empty when the section is absent.
     */
    Map<String, Object> section(String name);

    /** The JSON pointer of a field of this task's spec where the template writes it, e.g. {@code agent/timeout}. */
    String pointer(String relative);

    /**
     * A section's value with stage placeholders resolved.
     *
     * @throws KnownOnlyAtRunTime before the run, for a value that holds a placeholder
     */
    Object resolved(Object value, String relativePointer) throws TemplateProblem;

    /** The slice of {@code data.items} this task runs, for a sharded task; before the run, every task runs all of them. */
    Optional<ShardSlice> shard();

    /** Records an effect of this task; before the run there is no trace, and nothing is recorded. */
    void effect(String channel, String name, Object value);

    /**
     * A value that holds a stage placeholder, asked for before the run: it is known only once the
     * stage it names has run, so a check that needs it is left to the run.
     */
    final class KnownOnlyAtRunTime extends RuntimeException {

        private static final long serialVersionUID = 1L;

        KnownOnlyAtRunTime(String pointer) {
            super(pointer + " holds a placeholder, resolved when the run reaches it", null, false, false);
        }
    }
}
