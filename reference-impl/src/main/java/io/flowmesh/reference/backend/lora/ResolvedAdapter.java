package io.flowmesh.reference.backend.lora;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A LoRA adapter resolved to a local directory.
 *
 * @param name the adapter's name: the entry's {@code name}, else its {@code id}, else the source's
 *     last path segment without archive extension (the task id for a stage artifact)
 * @param sourceKind which field named the source
 * @param dir the directory holding {@code adapter_config.json}
 * @param configSha256 the SHA-256 hex of {@code adapter_config.json}'s bytes
 * @param adapterConfig the parsed {@code adapter_config.json}, in file order, unmodifiable
 */
public record ResolvedAdapter(String name, SourceKind sourceKind, Path dir, String configSha256,
                              Map<String, Object> adapterConfig) {

    public ResolvedAdapter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceKind, "sourceKind");
        Objects.requireNonNull(dir, "dir");
        adapterConfig = Collections.unmodifiableMap(new LinkedHashMap<>(adapterConfig));
    }

    /**
     * The resolution as an ordered, JSON-like map, ready to record as effects: the identity of what
     * was resolved (the SHA-256 of its config and what the config says), never the path or URL as
     * written, which says nothing of what was served, and no local paths.
     */
    public Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("name", name);
        facts.put("source_kind", sourceKind.field());
        facts.put("config_sha256", configSha256);
        facts.put("r", adapterConfig.get("r"));
        facts.put("lora_alpha", adapterConfig.get("lora_alpha"));
        facts.put("target_modules", adapterConfig.get("target_modules"));
        facts.put("base_model_name_or_path", adapterConfig.get("base_model_name_or_path"));
        return facts;
    }
}
