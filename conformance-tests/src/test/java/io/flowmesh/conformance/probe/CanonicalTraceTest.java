package io.flowmesh.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.EffectTrace;
import org.junit.jupiter.api.Test;

class CanonicalTraceTest {

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static EffectTrace trace(Object... values) {
        return new EffectTrace(Arrays.stream(values).map(v -> new Effect("vllm.output", "completions", v)).toList());
    }

    /** Pairs of a base run's value and a probe's value at the same key and position. */
    private static final List<List<Object>> PAIRS = List.of(
            List.of(map("text", "a b", "logprobs", List.of(map("a", -0.25, "b", -1.5))),
                    map("text", "a b", "logprobs", List.of(map("a", -0.25, "b", -1.5)))),
            List.of(map("a", 1L, "b", 2L), map("b", 2L, "a", 1L)),
            List.of(0.0, -0.0),
            List.of(new BigDecimal("1.0"), new BigDecimal("1.00")),
            List.of(4, 4L),
            List.of(List.of(1L, 2L), List.of(1L, 2L, 3L)),
            List.of(map("x", List.of()), map("x", map())),
            List.of("same", "same"));

    @Test
    void aTraceCanonicalisedBesideItsBaseReadsAsOneCanonicalisedAlone() {
        for (List<Object> pair : PAIRS) {
            EffectTrace base = trace(pair.get(0), "second");
            EffectTrace probe = trace(pair.get(1), "second");

            CanonicalTrace beside = CanonicalTrace.of(probe, CanonicalTrace.of(base));

            CanonicalTrace alone = CanonicalTrace.of(probe);
            assertThat(beside.keys()).as("keys of %s", pair.get(1)).containsExactlyElementsOf(alone.keys());
            for (CanonicalTrace.EffectKey key : alone.keys()) {
                assertThat(beside.texts(key)).as("%s beside %s", pair.get(1), pair.get(0)).isEqualTo(alone.texts(key));
            }
            assertThat(beside.bytes()).as("size of %s", pair.get(1)).isEqualTo(CanonicalTrace.of(probe).bytes());
        }
    }

    @Test
    void aValueTheSameAsItsBasesTakesTheBasesTextAndOnlyAtTheSamePosition() {
        Map<String, Object> value = map("text", "a b", "logprob", -0.25);
        CanonicalTrace base = CanonicalTrace.of(trace(value, "other"));

        CanonicalTrace probe = CanonicalTrace.of(trace(map("text", "a b", "logprob", -0.25), "other", "third"), base);

        List<String> texts = probe.texts(new CanonicalTrace.EffectKey("vllm.output", "completions"));
        List<String> baseTexts = base.texts(new CanonicalTrace.EffectKey("vllm.output", "completions"));
        assertThat(texts.get(0)).as("the equal first value's text").isSameAs(baseTexts.get(0));
        assertThat(texts.get(1)).as("the equal second value's text").isSameAs(baseTexts.get(1));
        assertThat(texts.get(2)).as("a value the base does not have").isEqualTo("\"third\"");
    }

    @Test
    void sameJsonHoldsOnlyForValuesThatWriteAlike() {
        assertThat(Values.sameJson(map("a", List.of(1L, "x", true, 2.5)), map("a", List.of(1L, "x", true, 2.5))))
                .as("equal nested values").isTrue();
        assertThat(Values.sameJson(null, null)).as("two nulls").isTrue();
        for (List<Object> pair : PAIRS.subList(1, PAIRS.size() - 1)) {
            assertThat(Values.sameJson(pair.get(0), pair.get(1))).as("%s and %s", pair.get(0), pair.get(1)).isFalse();
        }
        assertThat(Values.sameJson(null, "x")).as("null and a string").isFalse();
        assertThat(Values.sameJson(List.of(), map())).as("a list and a map").isFalse();
    }
}
