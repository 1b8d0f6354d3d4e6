package io.flowmesh.reference.execute;

import java.util.Collection;
import java.util.Map;

import io.flowmesh.reference.parse.TemplateProblem;

/**
 * How upstream's executors convert a template value before a trainer receives it: Python's
 * {@code float()}, {@code int()}, {@code bool()} and {@code str()} applied to the YAML value. A value
 * Python cannot convert (such as {@code int("many")}) fails the task, as the ValueError does upstream.
 */
enum PyConversion {

    /** {@code float(x)}: numbers, booleans (1.0 / 0.0) and numeric strings. */
    FLOAT,
    /** {@code int(x)}: integers, floats truncated toward zero, booleans (1 / 0) and integer strings. */
    INT,
    /**
     * {@code bool(x)}: Python truthiness, as upstream writes {@code bool(cfg.get(...))}: zero, empty
     * strings and empty collections are false, and so is null; any other string is true, even
     * {@code "false"}.
     */
    BOOL,
    /** {@code str(x)}: booleans as {@code True} / {@code False}, anything else as written. */
    STRING;

    /**
     * The converted value.
     *
     * @param pointer the field, for the problem raised when Python would raise
     */
    Object apply(Object value, String pointer) throws TemplateProblem {
        switch (this) {
            case FLOAT:
                if (value instanceof Boolean b) {
                    return b ? 1.0 : 0.0;
                }
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
                try {
                    return Double.parseDouble(String.valueOf(value).strip());
                } catch (NumberFormatException e) {
                    throw refused(value, pointer, "float");
                }
            case INT:
                if (value instanceof Boolean b) {
                    return b ? 1L : 0L;
                }
                if (value instanceof Number n) {
                    return n.longValue();
                }
                try {
                    return Long.parseLong(String.valueOf(value).strip());
                } catch (NumberFormatException e) {
                    throw refused(value, pointer, "int");
                }
            case BOOL:
                return truthy(value);
            default:
                return value instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(value);
        }
    }

    private static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        return !(value instanceof Map<?, ?> m) || !m.isEmpty();
    }

    private static TemplateProblem refused(Object value, String pointer, String function) {
        return new TemplateProblem(pointer, "execute.conversion", function + "(" + value
                + ") fails, as it does in upstream's executor: the field needs a number");
    }
}
