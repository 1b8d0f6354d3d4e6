package io.flowmesh.reference.execute.ppo;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Reads typed values out of one free-form template section ({@code training}, {@code generation},
 * ...), turning every wrong type or range into a {@link PpoConfigException} naming the key. A key
 * present with a null value counts as absent.
 */
final class SectionReader {

    private static final List<String> TRUE_WORDS = List.of("true", "yes", "on", "1");
    private static final List<String> FALSE_WORDS = List.of("false", "no", "off", "0");

    private final String section;
    private final Map<String, Object> values;

    SectionReader(String section, Map<String, Object> values) {
        this.section = section;
        this.values = values == null ? Map.of() : values;
    }

    String path(String key) {
        return section + "/" + key;
    }

    Object raw(String key) {
        return values.get(key);
    }

    OptionalInt positiveInt(String key) throws PpoConfigException {
        OptionalInt value = integer(key);
        if (value.isPresent() && value.getAsInt() <= 0) {
            throw new PpoConfigException(path(key), "must be a positive integer, got " + value.getAsInt());
        }
        return value;
    }

    OptionalInt nonNegativeInt(String key) throws PpoConfigException {
        OptionalInt value = integer(key);
        if (value.isPresent() && value.getAsInt() < 0) {
            throw new PpoConfigException(path(key), "must be a non-negative integer, got " + value.getAsInt());
        }
        return value;
    }

    OptionalDouble positiveNumber(String key) throws PpoConfigException {
        OptionalDouble value = number(key);
        if (value.isPresent() && !(value.getAsDouble() > 0)) {
            throw new PpoConfigException(path(key), "must be a positive number, got " + value.getAsDouble());
        }
        return value;
    }

    OptionalDouble nonNegativeNumber(String key) throws PpoConfigException {
        OptionalDouble value = number(key);
        if (value.isPresent() && !(value.getAsDouble() >= 0)) {
            throw new PpoConfigException(path(key), "must be a number >= 0, got " + value.getAsDouble());
        }
        return value;
    }

    /** Any finite number, as a double. */
    OptionalDouble number(String key) throws PpoConfigException {
        Object value = values.get(key);
        if (value == null) {
            return OptionalDouble.empty();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                return OptionalDouble.of(d);
            }
        }
        throw new PpoConfigException(path(key), "expected a finite number, got " + describe(value));
    }

    /** An integer; integral floating values such as {@code 16.0} are accepted. */
    OptionalInt integer(String key) throws PpoConfigException {
        Object value = values.get(key);
        if (value == null) {
            return OptionalInt.empty();
        }
        if (value instanceof Integer i) {
            return OptionalInt.of(i);
        }
        if (value instanceof Long || value instanceof BigInteger || value instanceof Double
                || value instanceof Float || value instanceof BigDecimal) {
            try {
                return OptionalInt.of(new BigDecimal(value.toString()).intValueExact());
            } catch (ArithmeticException | NumberFormatException e) {
                throw new PpoConfigException(path(key), "expected an integer in the int range, got " + describe(value));
            }
        }
        throw new PpoConfigException(path(key), "expected an integer, got " + describe(value));
    }

    /**
     * A boolean: {@code true}/{@code false}, the strings true/yes/on/1 and false/no/off/0 (any case),
     * or the integers 1 and 0. Anything else is an error, in particular no non-empty string counts as
     * true (the upstream bug that read {@code "false"} as true).
     */
    Optional<Boolean> bool(String key) throws PpoConfigException {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        if (value instanceof String s) {
            String word = s.trim().toLowerCase(Locale.ROOT);
            if (TRUE_WORDS.contains(word)) {
                return Optional.of(true);
            }
            if (FALSE_WORDS.contains(word)) {
                return Optional.of(false);
            }
        }
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() == 1) {
            return Optional.of(true);
        }
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() == 0) {
            return Optional.of(false);
        }
        throw new PpoConfigException(path(key),
                "expected a boolean (true/false, yes/no, on/off, 1/0), got " + describe(value));
    }

    Optional<String> string(String key) throws PpoConfigException {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return Optional.of(s);
        }
        throw new PpoConfigException(path(key), "expected a string, got " + describe(value));
    }

    /** A short, type-naming rendering of a template value for messages. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "string \"" + s + "\"";
        }
        if (value instanceof Boolean) {
            return "boolean " + value;
        }
        if (value instanceof Number) {
            return "number " + value;
        }
        if (value instanceof List<?> list) {
            return "list of " + list.size();
        }
        if (value instanceof Map<?, ?>) {
            return "map";
        }
        return value.getClass().getSimpleName();
    }
}
