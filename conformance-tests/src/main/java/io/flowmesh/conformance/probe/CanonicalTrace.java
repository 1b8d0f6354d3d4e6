package io.flowmesh.conformance.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.EffectTrace;
import org.apiguardian.api.API;

/**
 * A trace as the kit compares it: each {@code (channel, key)} with the canonical JSON of its values in
 * the order they were recorded, and the trace's size. Built once per run, so that a template's base run
 * is not canonicalised again for each of its probes, nor a probe's run once for its size and once for
 * its diff.
 */
@API(status = API.Status.INTERNAL, since = "0.4")
public final class CanonicalTrace {

    /** Where an effect was recorded. */
    public record EffectKey(String channel, String key) {
    }

    /** One key's values in the order recorded: their canonical texts, and the values themselves. */
    private record Recorded(List<String> texts, List<Object> values) {
    }

    private final Map<EffectKey, Recorded> byKey;
    private final long bytes;

    private CanonicalTrace(Map<EffectKey, Recorded> byKey, long bytes) {
        this.byKey = byKey;
        this.bytes = bytes;
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
        Map<EffectKey, Recorded> byKey = new LinkedHashMap<>();
        long bytes = 0;
        for (Effect effect : trace.effects()) {
            EffectKey key = new EffectKey(effect.channel(), effect.key());
            Recorded recorded = byKey.get(key);
            if (recorded == null) {
                recorded = new Recorded(new ArrayList<>(1), new ArrayList<>(1));
                byKey.put(key, recorded);
            }
            Recorded before = like == null ? null : like.byKey.get(key);
            int index = recorded.values().size();
            String canonical = before != null && index < before.values().size()
                    && Values.sameJson(before.values().get(index), effect.value())
                    ? before.texts().get(index) : Values.canonical(effect.value());
            recorded.texts().add(canonical);
            recorded.values().add(effect.value());
            bytes += effect.channel().length() + effect.key().length() + canonical.length() + 32;
        }
        return new CanonicalTrace(byKey, bytes);
    }

    /** Every key, in the order it first appears. */
    public Set<EffectKey> keys() {
        return Collections.unmodifiableSet(byKey.keySet());
    }

    /** The canonical values recorded at this key, in order; {@code null} when none was. */
    public List<String> texts(EffectKey key) {
        Recorded recorded = byKey.get(key);
        return recorded == null ? null : Collections.unmodifiableList(recorded.texts());
    }

    /**
     * The trace's size as the size limit counts it: channel, key and canonical value of every effect, plus
     * 32 bytes of framing each.
     */
    public long bytes() {
        return bytes;
    }
}
