package io.flowmesh.reference.execute;

import java.util.ArrayList;
import java.util.List;

import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.EffectTrace;

/** Collects the effects of one run, in order. */
public final class EffectRecorder {

    private final List<Effect> effects = new ArrayList<>();

    /** Records one effect. */
    public void record(String channel, String key, Object value) {
        effects.add(new Effect(channel, key, value));
    }

    /** The trace recorded so far. */
    public EffectTrace trace() {
        return new EffectTrace(effects);
    }
}
