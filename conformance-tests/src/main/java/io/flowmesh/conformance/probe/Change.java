package io.flowmesh.conformance.probe;

import java.util.Objects;

import org.apiguardian.api.API;

/**
 * One difference between a base trace and a probe trace.
 *
 * @param channel the effect's channel
 * @param key the effect's key
 * @param before the canonical JSON of the base value(s), or {@code null} when the effect is new
 * @param after the canonical JSON of the probe value(s), or {@code null} when the effect disappeared
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Change(String channel, String key, String before, String after) {

    public Change {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(key, "key");
    }

    /** {@code channel/key: before -> after}, with {@code (absent)} for a missing side. */
    public String describe() {
        return channel + "/" + key + ": " + (before == null ? "(absent)" : before)
                + " -> " + (after == null ? "(absent)" : after);
    }
}
