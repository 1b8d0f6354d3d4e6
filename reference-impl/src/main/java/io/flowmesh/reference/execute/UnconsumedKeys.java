package io.flowmesh.reference.execute;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * naming the key where the template writes it; {@link WorkflowRun} hands over exactly the keys not
 * warned about, so a warned key never shows in a trace.
 *
 * <p>A stage or graph node inherits the whole workflow spec (upstream deep-merges it into every
 * node), so a key written once under {@code /spec} is read by every node that inherits it: it is
 * warned about only when none of their executors consumes it, once, at {@code /spec}.
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

    /** The unconsumed keys of every task of the workflow, each once, where it is written. */
    public List<RunWarning> of(Workflow workflow) {
        List<TaskSpec> tasks = ValueChecks.tasks(workflow);
        Map<String, String> unread = new LinkedHashMap<>();
        Set<String> read = new HashSet<>();
        for (TaskSpec spec : tasks) {
            Executor executor = spec.taskType() == null ? null : catalog.route(spec);
            for (Map.Entry<String, Map<String, Object>> section : sections(spec).entrySet()) {
                List<String> consumed = executor == null ? List.of() : executor.consumedKeys(section.getKey());
                for (String key : section.getValue().keySet()) {
                    String pointer = spec.sources().of(section.getKey().replace('.', '/') + "/"
                            + key.replace("~", "~0").replace("/", "~1"));
                    if (consumed.contains(key)) {
                        read.add(pointer);
                    } else {
                        unread.putIfAbsent(pointer, "'" + key + "' has no runtime effect: "
                                + why(section.getKey(), key, executor));
                    }
                }
            }
        }
        List<RunWarning> warnings = new ArrayList<>();
        unread.forEach((pointer, message) -> {
            if (!read.contains(pointer)) {
                warnings.add(new RunWarning(pointer, CODE, message));
            }
        });
        return warnings;
    }

    /** The open sections of a spec by name: its own ({@code inference}, ...) and the model's ({@code model.vllm}, ...). */
    private static Map<String, Map<String, Object>> sections(TaskSpec spec) {
        Map<String, Map<String, Object>> sections = new LinkedHashMap<>(spec.sections());
        Model model = spec.model();
        if (model != null) {
            Map<String, Map<String, Object>> engine = Map.of("vllm", model.vllm(), "transformers", model.transformers(),
                    "diffusers", model.diffusers(), "config", model.config());
            MODEL_SECTIONS.forEach(name -> sections.put("model." + name, engine.get(name)));
        }
        return sections;
    }

    /** The reason the executor gives for the key, else that it does not read it. */
    private static String why(String section, String key, Executor executor) {
        if (executor == null) {
            return "no executor reads " + section + " here";
        }
        String reason = executor.noEffectReasons().get(section.replace('.', '/') + "/" + key);
        return reason != null ? reason : "the " + executor.name() + " executor does not read " + section + "." + key;
    }
}
