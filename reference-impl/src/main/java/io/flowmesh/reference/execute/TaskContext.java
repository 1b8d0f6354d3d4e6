package io.flowmesh.reference.execute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flowmesh.reference.parse.TaskSpec;
import io.flowmesh.reference.parse.TemplateProblem;
import io.flowmesh.reference.schedule.ScheduledTask;
import io.flowmesh.reference.schedule.ShardSlice;

/**
 * What an executor sees of its task: the spec, the backends, the results of earlier tasks, and the
 * recorder its effects go to. Effect keys are scoped by task: {@code <task id>/<name>}.
 */
public final class TaskContext implements SpecFields {

    /**
     * The name under which {@link #section} and {@link #handOver} give the task type's own fields
     * ({@link TaskSpec#fields()}: ssh's {@code command}, serve's {@code ttlSeconds}, ...), which sit
     * directly in the spec rather than in a section.
     */
    public static final String FIELDS = "spec";

    private final ScheduledTask task;
    private final Executor executor;
    private final Backends backends;
    private final EffectRecorder recorder;
    private final Placeholders placeholders;
    private final Map<String, Object> result = new LinkedHashMap<>();
    private final List<RunWarning> warnings;

    TaskContext(ScheduledTask task, Executor executor, Backends backends, EffectRecorder recorder,
            Placeholders placeholders, List<RunWarning> warnings) {
        this.task = task;
        this.executor = executor;
        this.warnings = warnings;
        this.backends = backends;
        this.recorder = recorder;
        this.placeholders = placeholders;
    }

    /** The task. */
    public ScheduledTask task() {
        return task;
    }

    @Override
    public TaskSpec spec() {
        return task.spec();
    }

    /** The backends the executor hands work to. */
    public Backends backends() {
        return backends;
    }

    /**
     * A free-form section by name ({@code inference}, {@code model.vllm}, ...) as the task's executor
     * declares it ({@link Executor#consumedKeys}): only the declared keys, in template order; empty when
     * the section is absent. Reading an undeclared key is a programming error.
     */
    @Override
    public Map<String, Object> section(String name) {
        return DeclaredSection.of(task.spec(), executor, name);
    }

    /**
     * The JSON pointer of a field of this task's spec where the template writes it, e.g.
     * {@code pointer("agent/timeout")}: a field a stage inherits from the workflow's spec is written
     * under {@code /spec}, a field of its own under {@code /spec/stages/<i>/spec}; {@code ""} names the
     * task's own spec.
     */
    @Override
    public String pointer(String relative) {
        return task.spec().sources().of(relative);
    }

    @Override
    public Optional<ShardSlice> shard() {
        return Optional.ofNullable(task.shard());
    }

    @Override
    public void effect(String channel, String name, Object value) {
        recorder.record(channel, task.id() + "/" + name, value);
    }

    @Override
    public Object resolved(Object value, String relativePointer) throws TemplateProblem {
        return placeholders.resolve(value, pointer(relativePointer));
    }

    /**
     * Hands some declared keys of a section over as effects, in template order: one effect per key,
     * named after the key, with placeholders resolved.
     *
     * @throws IllegalStateException when a key is not declared for the section
     */
    public void handOver(String section, List<String> keys, String channel) throws TemplateProblem {
        DeclaredSection declared = (DeclaredSection) section(section);
        declared.requireDeclared(keys);
        for (Map.Entry<String, Object> entry : declared.entrySet()) {
            if (keys.contains(entry.getKey())) {
                String field = section.equals(FIELDS) ? "" : section.replace('.', '/') + "/";
                effect(channel, entry.getKey(), resolved(entry.getValue(), field + entry.getKey()));
            }
        }
    }

    /** Hands every declared key of a section over as effects, as {@link #handOver(String, List, String)}. */
    public void handOver(String section, String channel) throws TemplateProblem {
        handOver(section, executor.consumedKeys(section), channel);
    }

    /** Raises a warning about a field of this task's spec that the run accepted but that does less than it says. */
    public void warn(String relativePointer, String code, String message) {
        warnings.add(new RunWarning(pointer(relativePointer), code, message));
    }

    /** Publishes a result later tasks can refer to as {@code ${<stage>.<key>}}. */
    public void publish(String key, Object value) {
        result.put(key, value);
    }

    Map<String, Object> result() {
        return result;
    }
}
