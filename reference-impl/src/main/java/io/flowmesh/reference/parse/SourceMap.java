package io.flowmesh.reference.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each node of a loaded template sits in its source text, by JSON pointer.
 *
 * <p>A mapping entry is located at its key, a sequence item at the item itself. Nodes copied in by
 * alias expansion have no entry of their own; {@link #locate} then answers with the alias's place.
 */
public final class SourceMap {

    /** The first character of a document. */
    public static final Location START = new Location(1, 1);

    private final Map<String, Location> locations;

    /**
     * Creates a map from pointers to locations.
     *
     * @param locations JSON pointer to 1-based location; copied
     */
    public SourceMap(Map<String, Location> locations) {
        this.locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations));
    }

    /**
     * The recorded location of exactly this pointer.
     *
     * @param pointer an RFC 6901 JSON pointer ({@code ""} for the root)
     * @return its location, or empty when the node has none of its own
     */
    public Optional<Location> find(String pointer) {
        return Optional.ofNullable(locations.get(pointer));
    }

    /**
     * The location of this pointer, or of its nearest ancestor that has one; the root falls back to
     * line 1, column 1.
     *
     * @param pointer an RFC 6901 JSON pointer ({@code ""} for the root)
     * @return a location, never null
     */
    public Location locate(String pointer) {
        String current = pointer;
        while (!current.isEmpty()) {
            Location found = locations.get(current);
            if (found != null) {
                return found;
            }
            current = current.substring(0, current.lastIndexOf('/'));
        }
        return locations.getOrDefault("", START);
    }

    /** Two maps are equal when they locate the same pointers at the same places. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SourceMap map && map.locations.equals(locations);
    }

    @Override
    public int hashCode() {
        return locations.hashCode();
    }

    @Override
    public String toString() {
        return "SourceMap" + locations;
    }

    /**
     * A 1-based position in a source text.
     *
     * @param line the 1-based line
     * @param column the 1-based column
     */
    public record Location(int line, int column) {

        public Location {
            if (line < 1 || column < 1) {
                throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
            }
        }
    }
}
