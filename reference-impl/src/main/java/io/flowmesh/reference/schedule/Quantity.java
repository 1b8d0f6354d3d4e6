package io.flowmesh.reference.schedule;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes-style resource quantities: memory in bytes ({@code 64Gi}, {@code 64GiB}, {@code 512M}) and CPU in cores ({@code 16}, {@code 500m}). */
public final class Quantity {

    private static final Pattern MEMORY = Pattern.compile("^(\\d+(?:\\.\\d+)?)\\s*([KMGTP]i?B?|B)?$");
    private static final Pattern CPU = Pattern.compile("^(\\d+(?:\\.\\d+)?)(m)?$");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("B", 1L),
            Map.entry("K", 1_000L), Map.entry("M", 1_000_000L), Map.entry("G", 1_000_000_000L),
            Map.entry("T", 1_000_000_000_000L), Map.entry("P", 1_000_000_000_000_000L),
            Map.entry("KI", 1L << 10), Map.entry("MI", 1L << 20), Map.entry("GI", 1L << 30),
            Map.entry("TI", 1L << 40), Map.entry("PI", 1L << 50));

    private Quantity() {
    }

    /** Bytes of a memory quantity. */
    public static long bytes(String quantity) throws InvalidQuantityException {
        Matcher m = MEMORY.matcher(quantity.trim());
        if (!m.matches()) {
            throw new InvalidQuantityException("'" + quantity + "' is not a memory quantity such as 16Gi, 16GiB or 512M");
        }
        String unit = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
        if (unit.length() > 1 && unit.endsWith("B")) {
            unit = unit.substring(0, unit.length() - 1);
        }
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(UNITS.get(unit))).longValue();
    }

    /** Thousandths of a core of a CPU quantity. */
    public static long milliCores(String quantity) throws InvalidQuantityException {
        Matcher m = CPU.matcher(quantity.trim());
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
