package io.flowmesh.reference.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** Builds the typed {@link Workflow} from a template the schema and the task rules have accepted. */
final class WorkflowBinder {

    /** Executor-owned sections: any keys, carried as JSON-like data in {@link TaskSpec#sections()}. */
    static final Set<String> OPEN_SECTIONS = Set.of("inference", "training", "generation", "reward_model", "lora",
            "data", "agent", "api", "qdrant", "embedding", "search", "omni", "storyboard", "postprocess");

    /**
     * Keys bound to their own record components, or not carried at all (the legacy {@code sloSeconds}
     * and {@code parallel}); every other key of a spec is a field of its task type, in {@link TaskSpec#fields()}.
     */
    private static final Set<String> BOUND = Set.of("taskType", "enforce_cpu", "model", "resources", "shard",
            "configName", "task", "checkpoint", "output", "stages", "graph", "sloSeconds", "parallel");

    private WorkflowBinder() {
    }

    static Workflow bind(JsonNode root, WorkflowExpander.Expansion expansion) {
        JsonNode metadata = root.path("metadata");
        TaskSpec spec;
        if (!expansion.multiTask()) {
            spec = spec(expansion.tasks().get(0).spec(), List.of(), List.of());
        } else {
            List<Stage> stages = new ArrayList<>();
            for (ExpandedTask task : expansion.tasks()) {
                stages.add(new Stage(task.name(), task.dependsOn(), spec(task.spec(), List.of(), List.of())));
            }
            boolean graph = expansion.tasks().get(0).nodePointer().startsWith("/spec/graph/");
            spec = spec(JsonValues.EMPTY, FieldSources.at("/spec"), graph ? List.of() : stages, graph ? stages : List.of());
        }
        return new Workflow(text(root, "apiVersion"), text(root, "kind"),
                new Metadata(text(metadata, "name"), text(metadata, "owner"), text(metadata, "project"),
                        JsonValues.toMap(metadata.get("annotations"))),
                spec);
    }

    private static TaskSpec spec(MergedSpec merged, List<Stage> stages, List<Stage> graphNodes) {
        return spec(merged.tree(), merged.sources(), stages, graphNodes);
    }

    private static TaskSpec spec(JsonNode spec, FieldSources sources, List<Stage> stages, List<Stage> graphNodes) {
        Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        spec.properties().forEach(entry -> {
            if (entry.getValue().isNull()) {
                return;
            }
            if (OPEN_SECTIONS.contains(entry.getKey())) {
                sections.put(entry.getKey(), JsonValues.toMap(entry.getValue()));
            } else if (!BOUND.contains(entry.getKey())) {
                fields.put(entry.getKey(), JsonValues.toJava(entry.getValue()));
            }
        });
        JsonNode enforceCpu = spec.get("enforce_cpu");
        return new TaskSpec(text(spec, "taskType"), enforceCpu == null || !enforceCpu.isBoolean() ? null : enforceCpu.booleanValue(),
                model(spec.get("model")), resources(spec.get("resources")), shard(spec.get("shard")), sections, fields,
                text(spec, "configName"), text(spec, "task"), checkpoint(spec.get("checkpoint")),
                output(spec.get("output")), stages, graphNodes, sources);
    }

    private static Model model(JsonNode model) {
        if (model == null || !model.isObject()) {
            return null;
        }
        JsonNode source = model.get("source");
        ModelSource modelSource = source == null || !source.isObject() ? null
                : new ModelSource(text(source, "type"), text(source, "identifier"), text(source, "revision"),
                        bool(source, "trust_remote_code"));
        List<Adapter> adapters = new ArrayList<>();
        model.path("adapters").forEach(adapter -> adapters.add(new Adapter(text(adapter, "type"),
                text(adapter, "name"), text(adapter, "id"), text(adapter, "apply"), text(adapter, "path"),
                text(adapter, "url"), text(adapter, "task_id"), text(adapter, "archive_format"),
                JsonValues.toStringMap(adapter.get("headers")))));
        return new Model(modelSource, JsonValues.toMap(model.get("vllm")), JsonValues.toMap(model.get("transformers")),
                JsonValues.toMap(model.get("diffusers")), JsonValues.toMap(model.get("config")), adapters);
    }

    private static Resources resources(JsonNode resources) {
        if (resources == null || !resources.isObject()) {
            return null;
        }
        // Upstream counts an integer estimatedLoad and takes anything else as no load.
        JsonNode load = resources.get("estimatedLoad");
        long estimatedLoad = load != null && load.isIntegralNumber() ? load.longValue() : 0;
        JsonNode hardware = resources.get("hardware");
        if (hardware == null || !hardware.isObject()) {
            return new Resources(null, estimatedLoad);
        }
        JsonNode gpu = hardware.get("gpu");
        boolean hasGpu = gpu != null && gpu.isObject();
        JsonNode count = hasGpu ? gpu.get("count") : null;
        return new Resources(new Hardware(scalarText(hardware.get("cpu")), scalarText(hardware.get("memory")),
                !hasGpu ? null : new Gpu(text(gpu, "type"), count == null || !count.isIntegralNumber() ? null : count.intValue(),
                        gpuMemory(gpu.get("memory")))), estimatedLoad);
    }

    /** GPU memory as upstream reads it: a string is a quantity, a number is bytes (truncated, as Python's int()). */
    private static String gpuMemory(JsonNode memory) {
        if (memory == null || memory.isNull()) {
            return null;
        }
        return memory.isNumber() ? String.valueOf(memory.longValue()) : memory.asText();
    }

    private static Shard shard(JsonNode shard) {
        return shard == null || !shard.isObject() ? null : new Shard(shard.path("count").intValue(), text(shard, "strategy"));
    }

    private static Checkpoint checkpoint(JsonNode checkpoint) {
        JsonNode load = checkpoint == null || !checkpoint.isObject() ? null : checkpoint.get("load");
        return checkpoint == null || !checkpoint.isObject() ? null
                : new Checkpoint(load == null || load.isNull() ? null : JsonValues.toJava(load));
    }

    private static Output output(JsonNode output) {
        if (output == null || !output.isObject()) {
            return null;
        }
        JsonNode destination = output.get("destination");
        JsonNode timeout = destination == null ? null : destination.get("timeoutSec");
        Destination bound = destination == null || !destination.isObject() ? null
                : new Destination(text(destination, "type"), text(destination, "url"), text(destination, "method"),
                        timeout == null || !timeout.isNumber() ? null : (Number) JsonValues.toJava(timeout),
                        JsonValues.toStringMap(destination.get("headers")));
        return new Output(bound, JsonValues.toStringList(output.get("artifacts")));
    }

    private static String text(JsonNode node, String field) {
        return scalarText(node.get(field));
    }

    private static String scalarText(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isBoolean() ? null : value.booleanValue();
    }
}
