package io.flowmesh.reference.schedule;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resource quantities as upstream parses them: memory in bytes and CPU in cores.
 *
 * <p>Memory is an integer, optionally followed by {@code K}, {@code M}, {@code G} or {@code T}, an
 * optional {@code i} and an optional {@code B}, in any case and with optional blanks: {@code 16Gi},
 * {@code 16GiB}, {@code 16GB}, {@code 512mb}, {@code 16} (bytes). Every unit is binary, as upstream's
 * {@code parse_mem_to_bytes} counts it: {@code 1G} is {@code 1Gi}. CPU is {@code 16} cores or
 * {@code 500m} thousandths of a core.
 */
public final class Quantity {

    private static final Pattern MEMORY = Pattern.compile("^\\s*([0-9]+)\\s*([KkMmGgTt][Ii]?[Bb]?)?\\s*$");
    private static final Pattern CPU = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)(m)?\\s*$");
    private static final Map<Character, Integer> SHIFTS = Map.of('K', 10, 'M', 20, 'G', 30, 'T', 40);

    private Quantity() {
    }

    /** Bytes of a memory quantity. */
    public static long bytes(String quantity) throws InvalidQuantityException {
        Matcher m = MEMORY.matcher(quantity);
        if (!m.matches()) {
            throw new InvalidQuantityException("'" + quantity + "' is not a memory quantity such as 16Gi, 16GB, 512Mi or 16");
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new InvalidQuantityException("'" + quantity + "' is too large a memory quantity");
        }
        int shift = m.group(2) == null ? 0 : SHIFTS.get(m.group(2).toUpperCase(Locale.ROOT).charAt(0));
        if (shift > 0 && amount > (Long.MAX_VALUE >> shift)) {
            throw new InvalidQuantityException("'" + quantity + "' is too large a memory quantity");
        }
        return amount << shift;
    }

    /** Thousandths of a core of a CPU quantity. */
    public static long milliCores(String quantity) throws InvalidQuantityException {
        Matcher m = CPU.matcher(quantity);
        if (!m.matches()) {
            throw new InvalidQuantityException("'" + quantity + "' is not a CPU quantity such as 16 or 500m");
        }
        BigDecimal value = new BigDecimal(m.group(1));
        return (m.group(2) == null ? value.multiply(BigDecimal.valueOf(1000)) : value).longValue();
    }

    /** A quantity that does not parse. */
    public static final class InvalidQuantityException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidQuantityException(String message) {
            super(message);
        }
    }
}
