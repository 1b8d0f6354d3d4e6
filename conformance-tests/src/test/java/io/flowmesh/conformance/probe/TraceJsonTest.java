package io.flowmesh.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.EffectTrace;
import org.junit.jupiter.api.Test;

class TraceJsonTest {

    @Test
    void writesOneCanonicalJsonObjectPerEffect() {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("model", "llama");
        kwargs.put("dtype", null);
        kwargs.put("stop", List.of("</s>"));
        EffectTrace trace = new EffectTrace(List.of(
                new Effect("vllm.engine", "kwargs", kwargs),
                new Effect("scheduler", "tasks", 2)));

        assertThat(TraceJson.write(trace)).isEqualTo(
                "{\"channel\":\"vllm.engine\",\"key\":\"kwargs\",\"value\":{\"model\":\"llama\",\"dtype\":null,\"stop\":[\"</s>\"]}}\n"
                        + "{\"channel\":\"scheduler\",\"key\":\"tasks\",\"value\":2}\n");
    }

    @Test
    void theSameDataAlwaysGivesTheSameBytes() {
        assertThat(TraceJson.write(sampleTrace())).as("two traces built alike").isEqualTo(TraceJson.write(sampleTrace()));
    }

    @Test
    void mapInsertionOrderIsPartOfTheText() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", 2);
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", 2);
        ba.put("a", 1);

        String first = TraceJson.write(new EffectTrace(List.of(new Effect("c", "k", ab))));
        String second = TraceJson.write(new EffectTrace(List.of(new Effect("c", "k", ba))));

        assertThat(first).contains("{\"a\":1,\"b\":2}");
        assertThat(second).contains("{\"b\":2,\"a\":1}");
    }

    @Test
    void anEmptyTraceIsEmptyText() {
        assertThat(TraceJson.write(new EffectTrace(List.of()))).isEmpty();
    }

    private static EffectTrace sampleTrace() {
        Map<String, Object> config = new LinkedHashMap<>();
        for (String key : Arrays.asList("zeta", "alpha", "mid", "beta", "omega")) {
            config.put(key, key.length() * 0.5);
        }
        List<Effect> effects = new ArrayList<>();
        effects.add(new Effect("ppo.config", "kwargs", config));
        effects.add(new Effect("ppo.train", "kl", List.of(0.01, 0.02, 1.0e-7)));
        return new EffectTrace(effects);
    }
}
