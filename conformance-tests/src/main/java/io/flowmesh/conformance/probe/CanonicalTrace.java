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
 * @param recorded every key's values as recorded, in the same order, for {@link #of(EffectTrace, CanonicalTrace)}
 * @param bytes the trace's size as the size limit counts it: channel, key and canonical value of every
 *     effect, plus 32 bytes of framing each
 */
@API(status = API.Status.INTERNAL, since = "0.4")
public record CanonicalTrace(Map<EffectKey, List<String>> values, Map<EffectKey, List<Object>> recorded, long bytes) {

    /** Where an effect was recorded. */
    public record EffectKey(String channel, String key) {
    }

    public CanonicalTrace {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        recorded = Collections.unmodifiableMap(new LinkedHashMap<>(recorded));
    }

    /** The trace canonicalised. */
    public static CanonicalTrace of(EffectTrace trace) {
        return of(trace, null);
    }

    /**
     * The trace canonicalised, taking the canonical text of {@code like} for each value that is
     * {@linkplain Values#sameJson the same JSON} as {@code like}'s value at the same key and position.
     * A probe's run records mostly what its base run did, and comparing two values is several times
     * cheaper than writing one out (numbers above all); the text is the one writing it would give.
     *
     * @param like the trace this one is compared with, or {@code null}
     */
    public static CanonicalTrace of(EffectTrace trace, CanonicalTrace like) {
        Map<EffectKey, List<String>> values = new LinkedHashMap<>();
        Map<EffectKey, List<Object>> recorded = new LinkedHashMap<>();
        long bytes = 0;
        for (Effect effect : trace.effects()) {
            EffectKey key = new EffectKey(effect.channel(), effect.key());
            List<Object> sameKey = recorded.computeIfAbsent(key, k -> new ArrayList<>());
            String canonical = like == null ? null : like.canonicalIfSame(key, sameKey.size(), effect.value());
            if (canonical == null) {
                canonical = Values.canonical(effect.value());
            }
            sameKey.add(effect.value());
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(canonical);
            bytes += effect.channel().length() + effect.key().length() + canonical.length() + 32;
        }
        return new CanonicalTrace(values, recorded, bytes);
    }

    /** The canonical text of the {@code index}th value at {@code key} when it is the same JSON as {@code value}. */
    private String canonicalIfSame(EffectKey key, int index, Object value) {
        List<Object> sameKey = recorded.get(key);
        if (sameKey == null || index >= sameKey.size() || !Values.sameJson(sameKey.get(index), value)) {
            return null;
        }
        return values.get(key).get(index);
    }
}
