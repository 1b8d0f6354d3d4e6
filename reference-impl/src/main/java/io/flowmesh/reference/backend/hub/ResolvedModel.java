package io.flowmesh.reference.backend.hub;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A model revision resolved to an immutable snapshot.
 *
 * @param identifier the hub identifier, e.g. {@code Qwen/Qwen2.5-0.5B-Instruct}
 * @param requestedRevision the revision asked for: a branch, a tag or a commit id; {@code main} when
 *     none was given
 * @param commit the 40-hex commit the revision resolved to
 * @param snapshotDir the snapshot folder holding that commit's files
 * @param config the snapshot's {@code config.json}, in file order, unmodifiable
 */
public record ResolvedModel(String identifier, String requestedRevision, String commit, Path snapshotDir,
                            Map<String, Object> config) {

    public ResolvedModel {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(requestedRevision, "requestedRevision");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(snapshotDir, "snapshotDir");
        config = FrozenJson.freezeObject(config);
    }

    /** Whether the revision asked for was a commit id, which no later push can move. */
    public boolean pinned() {
        return requestedRevision.equals(commit);
    }

    /** A top-level integer entry of the config, if present and integral. */
    public Optional<Long> configLong(String key) {
        Object value = config.get(key);
        if (value instanceof Integer || value instanceof Long) {
            return Optional.of(((Number) value).longValue());
        }
        return Optional.empty();
    }

    /** A top-level string entry of the config, if present. */
    public Optional<String> configString(String key) {
        return config.get(key) instanceof String text ? Optional.of(text) : Optional.empty();
    }
}
