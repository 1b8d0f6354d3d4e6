package io.flowmesh.reference.execute;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.flowmesh.reference.parse.Stage;
import io.flowmesh.reference.parse.TaskSpec;
import io.flowmesh.reference.parse.Workflow;

/**
 * Finds keys of free-form sections that no executor consumes: upstream dropped them silently, which
 * is how accepted-but-ignored fields crept into templates. Each becomes a warning naming the key.
 */
public final class UnconsumedKeys {

    private final ExecutorCatalog catalog;

    /** @param catalog the executors whose declarations count */
    public UnconsumedKeys(ExecutorCatalog catalog) {
        this.catalog = catalog;
    }

    /** The unconsumed keys of every task spec of the workflow. */
    public List<RunWarning> of(Workflow workflow) {
        List<RunWarning> warnings = new ArrayList<>();
        TaskSpec envelope = workflow.spec();
        boolean multiTask = !envelope.stages().isEmpty() || !envelope.graphNodes().isEmpty();
        check(envelope, "/spec", multiTask, warnings);
        List<Stage> stages = !envelope.stages().isEmpty() ? envelope.stages() : envelope.graphNodes();
        String kind = !envelope.stages().isEmpty() ? "stages" : "graph/nodes";
        for (int i = 0; i < stages.size(); i++) {
            check(stages.get(i).spec(), "/spec/" + kind + "/" + i + "/spec", false, warnings);
        }
        return warnings;
    }

    /** Checks one spec; an envelope with stages passes its model on to them, so only its other sections are checked. */
    private void check(TaskSpec spec, String pointer, boolean envelopeOfStages, List<RunWarning> warnings) {
        Executor executor = envelopeOfStages || spec.taskType() == null ? null : catalog.route(spec);
        for (Map.Entry<String, Map<String, Object>> section : spec.sections().entrySet()) {
            checkSection(section.getKey(), section.getValue(), pointer + "/" + section.getKey(), executor, warnings);
        }
        if (spec.model() != null && !envelopeOfStages) {
            Map<String, Map<String, Object>> engineSections = Map.of("vllm", spec.model().vllm(),
                    "transformers", spec.model().transformers(), "diffusers", spec.model().diffusers(),
                    "config", spec.model().config());
            for (String name : List.of("vllm", "transformers", "diffusers", "config")) {
                checkSection("model." + name, engineSections.get(name), pointer + "/model/" + name, executor, warnings);
            }
        }
    }

    private static void checkSection(String section, Map<String, Object> keys, String pointer, Executor executor,
            List<RunWarning> warnings) {
        List<String> consumed = section.equals("data") ? Keys.DATA
                : executor == null ? List.of() : executor.consumes().getOrDefault(section, List.of());
        for (String key : keys.keySet()) {
            if (!consumed.contains(key)) {
                String who = executor == null ? "no executor reads " + section + " at this level (stages do not inherit it)"
                        : "the " + executor.name() + " executor does not read " + section + "." + key;
                warnings.add(new RunWarning(pointer + "/" + key.replace("~", "~0").replace("/", "~1"),
                        "executor.unconsumed-key", "'" + key + "' has no runtime effect: " + who));
            }
        }
    }
}
