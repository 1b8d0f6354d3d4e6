package io.flowmesh.reference.backend.lora;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One {@code model.adapters[]} entry, reduced to what resolution needs.
 *
 * @param name the entry's {@code name}, else its {@code id}, else {@code null}
 * @param source where the adapter comes from
 */
public record AdapterSpec(String name, AdapterSource source) {

    /** The keys an adapter entry may hold (upstream's adapter schema after the fix). */
    public static final Set<String> KEYS = Set.of("type", "name", "id", "path", "url", "task_id",
            "archive_format", "headers", "apply");

    public AdapterSpec {
        Objects.requireNonNull(source, "source");
    }

    /**
     * Reads an adapter entry as parsed from a template.
     *
     * @param entry the entry's map
     * @param pointer the entry's JSON pointer, e.g. {@code /spec/model/adapters/0}, for messages
     * @throws AdapterResolutionException when the entry names no source or several, or a field has the
     *     wrong type
     */
    public static AdapterSpec fromEntry(Map<String, Object> entry, String pointer) throws AdapterResolutionException {
        for (String key : new TreeSet<>(entry.keySet())) {
            if (!KEYS.contains(key)) {
                throw new AdapterResolutionException(pointer + "/" + key + ": unknown adapter field; allowed: "
                        + String.join(", ", new TreeSet<>(KEYS)));
            }
        }
        Object type = entry.get("type");
        if (type != null && !"lora".equals(type)) {
            throw new AdapterResolutionException(pointer + "/type: must be 'lora', got " + type);
        }
        List<String> sources = new ArrayList<>();
        for (SourceKind kind : SourceKind.values()) {
            if (entry.get(kind.field()) != null) {
                sources.add(kind.field());
            }
        }
        if (sources.size() != 1) {
            throw new AdapterResolutionException(pointer + ": an adapter needs exactly one of path, url, task_id; "
                    + (sources.isEmpty() ? "none is set" : "got " + String.join(" and ", sources)));
        }
        AdapterSource source;
        if (entry.get("path") != null) {
            source = new AdapterSource.LocalPath(text(entry, "path", pointer));
        } else if (entry.get("url") != null) {
            source = new AdapterSource.Url(text(entry, "url", pointer), optionalText(entry, "archive_format", pointer),
                    headers(entry.get("headers"), pointer + "/headers"));
        } else {
            source = new AdapterSource.TaskArtifact(text(entry, "task_id", pointer));
        }
        String name = optionalText(entry, "name", pointer);
        return new AdapterSpec(name != null ? name : optionalText(entry, "id", pointer), source);
    }

    private static String text(Map<String, Object> entry, String key, String pointer) throws AdapterResolutionException {
        Object value = entry.get(key);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new AdapterResolutionException(pointer + "/" + key + ": must be a non-empty string, got " + value);
        }
        return text;
    }

    private static String optionalText(Map<String, Object> entry, String key, String pointer)
            throws AdapterResolutionException {
        return entry.get(key) == null ? null : text(entry, key, pointer);
    }

    private static Map<String, String> headers(Object value, String pointer) throws AdapterResolutionException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (value == null) {
            return headers;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new AdapterResolutionException(pointer + ": must be a map of header names to strings");
        }
        for (Map.Entry<?, ?> header : map.entrySet()) {
            if (!(header.getKey() instanceof String name) || !(header.getValue() instanceof String text)) {
                throw new AdapterResolutionException(pointer + ": must be a map of header names to strings");
            }
            headers.put(name, text);
        }
        return headers;
    }
}
