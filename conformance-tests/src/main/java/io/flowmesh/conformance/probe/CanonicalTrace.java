package io.flowmesh.conformance.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.EffectTrace;
import org.apiguardian.api.API;

/**
 * A trace as the kit compares it: each {@code (channel, key)} with the canonical JSON of its values in
 * the order they were recorded, and the trace's size. Built once per run, so that a template's base run
 * is not canonicalised again for each of its probes, nor a probe's run once for its size and once for
 * its diff.
 *
 * @param values every key's canonical values, keys in the order they first appear
 * @param bytes the trace's size as the size limit counts it: channel, key and canonical value of every
 *     effect, plus 32 bytes of framing each
 */
@API(status = API.Status.INTERNAL, since = "0.4")
public record CanonicalTrace(Map<EffectKey, List<String>> values, long bytes) {

    /** Where an effect was recorded. */
    public record EffectKey(String channel, String key) {
    }

    public CanonicalTrace {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The trace canonicalised. */
    public static CanonicalTrace of(EffectTrace trace) {
        Map<EffectKey, List<String>> values = new LinkedHashMap<>();
        long bytes = 0;
        for (Effect effect : trace.effects()) {
            String canonical = Values.canonical(effect.value());
            values.computeIfAbsent(new EffectKey(effect.channel(), effect.key()), k -> new ArrayList<>()).add(canonical);
            bytes += effect.channel().length() + effect.key().length() + canonical.length() + 32;
        }
        return new CanonicalTrace(values, bytes);
    }
}
