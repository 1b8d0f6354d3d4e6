package io.flowmesh.reference.backend.agent;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The upstream validation of {@code spec.agent.timeout}: positive integer seconds, 600 s when absent.
 * Booleans, floats (even whole ones such as {@code 300.0}), strings (even {@code "300"}), zero and
 * negative values are rejected, so a typo never silently becomes some other bound.
 */
public final class AgentTimeout {

    /** The timeout when the template sets none: upstream's former hard-coded value. */
    public static final Duration DEFAULT = Duration.ofSeconds(600);

    /** Where the field lives in a template. */
    public static final String FIELD = "spec.agent.timeout";

    private AgentTimeout() {
    }

    /**
     * Validates a raw {@code spec.agent.timeout} value as parsed from YAML or JSON.
     *
     * @param rawValue the value, or {@code null} when the field is absent
     * @return the timeout
     * @throws InvalidAgentTimeoutException with a one-line message naming {@value #FIELD}
     */
    public static Duration parse(Object rawValue) throws InvalidAgentTimeoutException {
        if (rawValue == null) {
            return DEFAULT;
        }
        long seconds;
        if (rawValue instanceof Integer || rawValue instanceof Long || rawValue instanceof Short
                || rawValue instanceof Byte) {
            seconds = ((Number) rawValue).longValue();
        } else if (rawValue instanceof BigInteger big) {
            if (big.bitLength() >= Long.SIZE) {
                throw invalid("is too large: " + big);
            }
            seconds = big.longValue();
        } else {
            throw invalid("got " + describe(rawValue));
        }
        if (seconds <= 0) {
            throw invalid("got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    private static InvalidAgentTimeoutException invalid(String detail) {
        return new InvalidAgentTimeoutException(FIELD + " must be a positive integer number of seconds; " + detail);
    }

    private static String describe(Object value) {
        if (value instanceof Boolean) {
            return "boolean " + value;
        }
        if (value instanceof String text) {
            return "string \"" + text.replaceAll("\\p{Cntrl}", "?") + "\"";
        }
        if (value instanceof Number) {
            return "non-integer number " + value;
        }
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
