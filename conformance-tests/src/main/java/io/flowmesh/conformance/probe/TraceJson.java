package io.flowmesh.conformance.probe;

import java.util.LinkedHashMap;
import java.util.Map;

import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.EffectTrace;
import org.apiguardian.api.API;

/**
 * The canonical text of an effect trace: one JSON object per line,
 * {@code {"channel":..,"key":..,"value":..}}. Two runs are deterministic when these texts are equal.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TraceJson {

    private TraceJson() {
    }

    /** The trace as JSON lines, each ending in a newline. */
    public static String write(EffectTrace trace) {
        StringBuilder out = new StringBuilder();
        for (Effect effect : trace.effects()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("channel", effect.channel());
            line.put("key", effect.key());
            line.put("value", effect.value());
            out.append(Values.canonical(line)).append('\n');
        }
        return out.toString();
    }
}
