package io.flowmesh.conformance.spi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apiguardian.api.API;

/**
 * One record of an {@link EffectTrace}: what a runtime handed to the outside world on a channel.
 *
 * <p>Values are JSON-like data: {@code null}, {@link String}, {@link Boolean}, {@link Long},
 * {@link Integer}, {@link Double}, {@link BigInteger}, {@link BigDecimal}, {@link List} and
 * {@link Map} with string keys, nested freely. Lists and maps are copied and made unmodifiable; maps
 * keep their insertion order, which is part of the trace.
 *
 * @param channel where the effect crossed the boundary, e.g. {@code vllm.engine} or {@code scheduler}
 * @param key what was set on that channel, e.g. {@code revision} or {@code task[0].worker}
 * @param value the value handed over
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Effect(String channel, String key, Object value) {

    public Effect {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(key, "key");
        value = jsonLike(value, channel + "/" + key);
    }

    private static Object jsonLike(Object value, String where) {
        if (value == null || value instanceof String || value instanceof Boolean
                || value instanceof Long || value instanceof Integer || value instanceof Double
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(jsonLike(element, where));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String name)) {
                    throw new IllegalArgumentException("effect " + where + ": map keys must be strings");
                }
                copy.put(name, jsonLike(entry.getValue(), where));
            }
            return Collections.unmodifiableMap(copy);
        }
        throw new IllegalArgumentException("effect " + where + ": not JSON-like data: " + value.getClass().getName());
    }
}
