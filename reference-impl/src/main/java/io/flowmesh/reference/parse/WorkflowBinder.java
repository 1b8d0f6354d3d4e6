package io.flowmesh.reference.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** Builds the typed {@link Workflow} from a tree the schema has already accepted. */
final class WorkflowBinder {

    /** Executor-owned sections: any keys, carried as JSON-like data in {@link TaskSpec#sections()}. */
    static final Set<String> OPEN_SECTIONS = Set.of("inference", "training", "generation", "reward_model", "lora",
            "data", "agent", "api", "ssh", "echo", "qdrant", "embedding", "search", "profiling", "retrieval", "serve");

    private WorkflowBinder() {
    }

    static Workflow bind(JsonNode root) {
        JsonNode metadata = root.path("metadata");
        return new Workflow(text(root, "apiVersion"), text(root, "kind"),
                new Metadata(text(metadata, "name"), text(metadata, "owner"), text(metadata, "project"),
                        JsonValues.toStringMap(metadata.get("annotations")), JsonValues.toStringMap(metadata.get("labels"))),
                spec(root.path("spec")));
    }

    private static TaskSpec spec(JsonNode spec) {
        Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
        spec.fieldNames().forEachRemaining(key -> {
            if (OPEN_SECTIONS.contains(key)) {
                sections.put(key, JsonValues.toMap(spec.get(key)));
            }
        });
        JsonNode enforceCpu = spec.get("enforce_cpu");
        return new TaskSpec(text(spec, "taskType"), enforceCpu == null ? null : enforceCpu.booleanValue(),
                model(spec.get("model")), resources(spec.get("resources")), shard(spec.get("shard")), sections,
                text(spec, "configName"), text(spec, "task"), checkpoint(spec.get("checkpoint")),
                output(spec.get("output")), stages(spec.get("stages")), stages(spec.path("graph").get("nodes")));
    }

    private static Model model(JsonNode model) {
        if (model == null) {
            return null;
        }
        JsonNode source = model.get("source");
        ModelSource modelSource = source == null ? null
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
        if (resources == null) {
            return null;
        }
        JsonNode hardware = resources.get("hardware");
        if (hardware == null) {
            return new Resources(null);
        }
        JsonNode gpu = hardware.get("gpu");
        JsonNode count = gpu == null ? null : gpu.get("count");
        return new Resources(new Hardware(scalarText(hardware.get("cpu")), text(hardware, "memory"),
                gpu == null ? null : new Gpu(text(gpu, "type"), count == null ? null : count.intValue(),
                        text(gpu, "memory"))));
    }

    private static Shard shard(JsonNode shard) {
        return shard == null ? null : new Shard(shard.path("count").intValue(), text(shard, "strategy"));
    }

    private static Checkpoint checkpoint(JsonNode checkpoint) {
        return checkpoint == null ? null : new Checkpoint(text(checkpoint, "load"));
    }

    private static Output output(JsonNode output) {
        if (output == null) {
            return null;
        }
        JsonNode destination = output.get("destination");
        JsonNode timeout = destination == null ? null : destination.get("timeoutSec");
        Destination bound = destination == null ? null
                : new Destination(text(destination, "type"), text(destination, "path"), text(destination, "url"),
                        timeout == null ? null : (Number) JsonValues.toJava(timeout),
                        JsonValues.toStringMap(destination.get("headers")));
        return new Output(bound, JsonValues.toStringList(output.get("artifacts")));
    }

    private static List<Stage> stages(JsonNode stages) {
        List<Stage> bound = new ArrayList<>();
        if (stages != null) {
            stages.forEach(stage -> bound.add(new Stage(text(stage, "name"),
                    JsonValues.toStringList(stage.get("dependsOn")), spec(stage.path("spec")))));
        }
        return bound;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String scalarText(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.booleanValue();
    }
}
