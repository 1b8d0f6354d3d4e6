package io.flowmesh.reference.execute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flowmesh.conformance.spi.EffectTrace;
import io.flowmesh.reference.parse.Output;
import io.flowmesh.reference.parse.TemplateProblem;
import io.flowmesh.reference.parse.Workflow;
import io.flowmesh.reference.schedule.ScheduledTask;

/**
 * Runs placed tasks in order through their executors and records the whole run: the schedule on the
 * {@code scheduler} channel, the data keys each task's data loader reads on {@code data}, its
 * executor's effects on the executor's channels, and its output destination on {@code output}.
 */
public final class WorkflowRun {

    /** The {@code data} keys the data loader reads, for every task whatever its executor. */
    static final List<String> DATA_KEYS = List.of("type", "items", "url", "name", "split", "column", "shuffle",
            "seed", "limit", "prompts", "dataset_name", "text_column", "prompt_column", "chosen_column",
            "rejected_column", "images", "template");

    private final ExecutorCatalog catalog;
    private final Backends backends;

    /**
     * @param catalog routes tasks to executors
     * @param backends what executors hand work to
     */
    public WorkflowRun(ExecutorCatalog catalog, Backends backends) {
        this.catalog = catalog;
        this.backends = backends;
    }

    /**
     * Runs the tasks and returns the trace.
     *
     * @param warnings receives the warnings executors raise
     */
    public EffectTrace run(Workflow workflow, List<ScheduledTask> tasks, List<RunWarning> warnings) throws TemplateProblem {
        EffectRecorder recorder = new EffectRecorder();
        recorder.record("scheduler", "workflow", workflow.metadata().name());
        List<String> ids = new ArrayList<>();
        tasks.forEach(t -> ids.add(t.id()));
        recorder.record("scheduler", "tasks", ids);
        for (ScheduledTask task : tasks) {
            recorder.record("scheduler", task.id() + "/executor", catalog.route(task.spec()).name());
            recorder.record("scheduler", task.id() + "/request", task.request().asEffect());
            recorder.record("scheduler", task.id() + "/worker", task.worker().name());
            recorder.record("scheduler", task.id() + "/depends_on", task.dependsOn());
            if (task.shard() != null) {
                Map<String, Object> shard = new LinkedHashMap<>();
                shard.put("index", (long) task.shard().index());
                shard.put("count", (long) task.shard().count());
                shard.put("strategy", task.shard().strategy());
                shard.put("items", task.shard().items().stream().map(Integer::longValue).collect(java.util.stream.Collectors.toList()));
                recorder.record("scheduler", task.id() + "/shard", shard);
            }
        }
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        for (ScheduledTask task : tasks) {
            Executor executor = catalog.route(task.spec());
            TaskContext context = new TaskContext(task, executor, backends, recorder, new Placeholders(results, backends.workspace()), warnings);
            handOverData(context);
            executor.execute(context);
            handOverOutput(context);
            results.computeIfAbsent(task.stage(), s -> new LinkedHashMap<>()).putAll(context.result());
        }
        return recorder.trace();
    }

    /**
     * Hands the data loader the keys it reads ({@link #DATA_KEYS}, as the task's section view shows
     * them); the others draw a no-effect warning instead.
     */
    private static void handOverData(TaskContext context) throws TemplateProblem {
        for (Map.Entry<String, Object> entry : context.section("data").entrySet()) {
            if (!DATA_KEYS.contains(entry.getKey())) {
                // An executor that loads its own data (a trainer) records what its loader receives.
                continue;
            }
            Object value = context.resolved(entry.getValue(), "data/" + entry.getKey());
            if (entry.getKey().equals("items") && context.task().shard() != null && value instanceof List<?> items) {
                List<Object> slice = new ArrayList<>();
                context.task().shard().items().forEach(i -> slice.add(items.get(i)));
                value = slice;
            }
            context.effect("data", entry.getKey(), value);
        }
    }

    private static void handOverOutput(TaskContext context) throws TemplateProblem {
        Output output = context.spec().output();
        if (output == null) {
            return;
        }
        if (output.destination() != null) {
            Map<String, Object> destination = new LinkedHashMap<>();
            destination.put("type", output.destination().type());
            destination.put("url", output.destination().url());
            destination.put("method", output.destination().method());
            destination.put("timeout_sec", output.destination().timeoutSec() == null ? null
                    : output.destination().timeoutSec().doubleValue());
            destination.put("headers", output.destination().headers());
            context.effect("output", "destination", destination);
        }
        if (!output.artifacts().isEmpty()) {
            context.effect("output", "artifacts", output.artifacts());
        }
    }
}
