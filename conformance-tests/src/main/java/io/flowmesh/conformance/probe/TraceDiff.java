package io.flowmesh.conformance.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.EffectTrace;
import org.apiguardian.api.API;

/**
 * Compares two effect traces by {@code (channel, key)}: each pair's values, in order, form one entry,
 * so an effect recorded twice compares as a list. Reordering between different keys is not a change;
 * the trace of each run is still compared byte for byte by the determinism check.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TraceDiff {

    private TraceDiff() {
    }

    /** The changes from {@code base} to {@code probe}, in the order their keys first appear. */
    public static List<Change> between(EffectTrace base, EffectTrace probe) {
        Map<String, List<String>> before = index(base);
        Map<String, List<String>> after = index(probe);
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<Change> changes = new ArrayList<>();
        for (String joined : keys) {
            List<String> b = before.get(joined);
            List<String> a = after.get(joined);
            if (!Objects.equals(b, a)) {
                int cut = joined.indexOf('\u0000');
                changes.add(new Change(joined.substring(0, cut), joined.substring(cut + 1), render(b), render(a)));
            }
        }
        return List.copyOf(changes);
    }

    /**
     * The canonical JSON of the first effect whose key is {@code key} or ends in {@code /key}, on the
     * channel when one is given.
     */
    public static Optional<String> valueOf(EffectTrace trace, String channel, String key) {
        for (Effect effect : trace.effects()) {
            if ((channel == null || effect.channel().equals(channel))
                    && (effect.key().equals(key) || effect.key().endsWith("/" + key))) {
                return Optional.of(Values.canonical(effect.value()));
            }
        }
        return Optional.empty();
    }

    private static Map<String, List<String>> index(EffectTrace trace) {
        Map<String, List<String>> index = new LinkedHashMap<>();
        for (Effect effect : trace.effects()) {
            index.computeIfAbsent(effect.channel() + '\u0000' + effect.key(), k -> new ArrayList<>())
                    .add(Values.canonical(effect.value()));
        }
        return index;
    }

    private static String render(List<String> values) {
        if (values == null) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : "[" + String.join(",", values) + "]";
    }
}
