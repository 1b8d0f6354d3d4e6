package io.flowmesh.conformance.probe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
    public static List<Change> between(CanonicalTrace base, CanonicalTrace probe) {
        Set<CanonicalTrace.EffectKey> keys = new LinkedHashSet<>(base.keys());
        keys.addAll(probe.keys());
        List<Change> changes = new ArrayList<>();
        for (CanonicalTrace.EffectKey key : keys) {
            List<String> b = base.texts(key);
            List<String> a = probe.texts(key);
            if (!Objects.equals(b, a)) {
                changes.add(new Change(key.channel(), key.key(), render(b), render(a)));
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

    private static String render(List<String> values) {
        if (values == null) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : "[" + String.join(",", values) + "]";
    }
}
