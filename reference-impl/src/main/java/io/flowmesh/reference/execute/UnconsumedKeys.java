package io.flowmesh.reference.execute;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.flowmesh.reference.parse.Model;
import io.flowmesh.reference.parse.Stage;
import io.flowmesh.reference.parse.TaskSpec;
import io.flowmesh.reference.parse.Workflow;

/**
 * Finds keys of free-form sections that no executor consumes: upstream dropped them silently, which
 * is how accepted-but-ignored fields crept into templates. Each becomes a {@value #CODE} warning
 * naming the key; {@link WorkflowRun} hands over exactly the keys not warned about, so a warned key
 * never shows in a trace.
 *
 * <p>An envelope with stages hands only its model (with {@code enforce_cpu} and resources) to the
 * stages that have none of their own; its model keys count as consumed when one of those stages'
 * executors reads them, and its other sections are read by nothing.
 */
public final class UnconsumedKeys {

    /** The code of a warning that says the field has no runtime effect, as the kit's SPI reads it. */
    public static final String CODE = "executor.no-effect";

    private static final List<String> MODEL_SECTIONS = List.of("vllm", "transformers", "diffusers", "config");

    private final ExecutorCatalog catalog;

    /** @param catalog the executors whose declarations count */
    public UnconsumedKeys(ExecutorCatalog catalog) {
        this.catalog = catalog;
    }

    /** The unconsumed keys of every task spec of the workflow. */
    public List<RunWarning> of(Workflow workflow) {
        List<RunWarning> warnings = new ArrayList<>();
        TaskSpec envelope = workflow.spec();
        List<Stage> stages = !envelope.stages().isEmpty() ? envelope.stages() : envelope.graphNodes();
        if (stages.isEmpty()) {
            Executor executor = envelope.taskType() == null ? null : catalog.route(envelope);
            check(envelope, "/spec", executor == null ? List.of() : List.of(executor), List.of(), warnings);
            return warnings;
        }
        List<Executor> inheritors = new ArrayList<>();
        for (Stage stage : stages) {
            TaskSpec spec = stage.spec();
            if (spec.model() == null && spec.taskType() != null) {
                Boolean enforceCpu = spec.enforceCpu() != null ? spec.enforceCpu() : envelope.enforceCpu();
                inheritors.add(catalog.route(spec.taskType(), enforceCpu, envelope.model()));
            }
        }
        check(envelope, "/spec", List.of(), inheritors, warnings);
        String kind = !envelope.stages().isEmpty() ? "stages" : "graph/nodes";
        for (int i = 0; i < stages.size(); i++) {
            TaskSpec spec = stages.get(i).spec();
            Executor executor = spec.taskType() == null ? null : catalog.route(spec);
            check(spec, "/spec/" + kind + "/" + i + "/spec", executor == null ? List.of() : List.of(executor), List.of(),
                    warnings);
        }
        return warnings;
    }

    /**
     * Checks one spec: its own sections against {@code readers}, its model sections against
     * {@code readers} and {@code modelReaders} together.
     */
    private static void check(TaskSpec spec, String pointer, List<Executor> readers, List<Executor> modelReaders,
            List<RunWarning> warnings) {
        for (Map.Entry<String, Map<String, Object>> section : spec.sections().entrySet()) {
            checkSection(section.getKey(), section.getValue(), pointer + "/" + section.getKey(), readers, warnings);
        }
        Model model = spec.model();
        if (model == null) {
            return;
        }
        List<Executor> all = new ArrayList<>(readers);
        all.addAll(modelReaders);
        Map<String, Map<String, Object>> engineSections = Map.of("vllm", model.vllm(),
                "transformers", model.transformers(), "diffusers", model.diffusers(), "config", model.config());
        for (String name : MODEL_SECTIONS) {
            checkSection("model." + name, engineSections.get(name), pointer + "/model/" + name, all, warnings);
        }
    }

    private static void checkSection(String section, Map<String, Object> keys, String pointer, List<Executor> readers,
            List<RunWarning> warnings) {
        Set<String> consumed = new LinkedHashSet<>();
        readers.forEach(executor -> consumed.addAll(executor.consumedKeys(section)));
        for (String key : keys.keySet()) {
            if (!consumed.contains(key)) {
                warnings.add(new RunWarning(pointer + "/" + key.replace("~", "~0").replace("/", "~1"), CODE,
                        "'" + key + "' has no runtime effect: " + why(section, key, readers)));
            }
        }
    }

    /** The reason an executor gives for the key, else who does not read it. */
    private static String why(String section, String key, List<Executor> readers) {
        String path = section.replace('.', '/') + "/" + key;
        return readers.stream().map(executor -> executor.noEffectReasons().get(path)).filter(r -> r != null)
                .findFirst().orElseGet(() -> who(section, key, readers));
    }

    private static String who(String section, String key, List<Executor> readers) {
        if (readers.isEmpty()) {
            return "no executor reads " + section + " at this level (stages inherit only a model they lack)";
        }
        List<String> names = readers.stream().map(Executor::name).distinct().toList();
        return "the " + String.join(" and ", names) + " executor" + (names.size() > 1 ? "s do" : " does")
                + " not read " + section + "." + key;
    }
}
