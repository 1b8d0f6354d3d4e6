package io.flowmesh.reference.execute;

import java.util.Map;
import java.util.Optional;

import io.flowmesh.reference.parse.TaskSpec;
import io.flowmesh.reference.schedule.ShardSlice;

/**
 * A task's fields before the run: what the template alone says. A value that holds a stage
 * placeholder ({@code ${train.final_lora_archive}}) is known only once the stage it names has run:
 * resolving it abandons the check that asked ({@link KnownOnlyAtRunTime}), and the run makes it.
 */
final class StaticFields implements SpecFields {

    private final TaskSpec spec;
    private final Executor executor;

    StaticFields(TaskSpec spec, Executor executor) {
        this.spec = spec;
        this.executor = executor;
    }

    @Override
    public TaskSpec spec() {
        return spec;
    }

    @Override
    public Map<String, Object> section(String name) {
        return DeclaredSection.of(spec, executor, name);
    }

    @Override
    public String pointer(String relative) {
        return spec.sources().of(relative);
    }

    @Override
    public Object resolved(Object value, String relativePointer) {
        if (Placeholders.mentions(value)) {
            throw new KnownOnlyAtRunTime(pointer(relativePointer));
        }
        return value;
    }

    @Override
    public Optional<ShardSlice> shard() {
        return Optional.empty();
    }

    @Override
    public void effect(String channel, String name, Object value) {
    }
}
