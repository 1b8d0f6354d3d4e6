package io.flowmesh.conformance.classification;

import java.util.List;

import io.flowmesh.conformance.probe.Pointers;
import org.apiguardian.api.API;

/**
 * A pattern over JSON pointers: {@code *} matches one segment, {@code **} any number of segments
 * (none included). Written either as a pointer ({@code /spec/stages/* /spec/model/adapters/* /url},
 * without the spaces) or dotted ({@code **.resources.replicas}). Two patterns are equal when written
 * alike.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class FieldPattern {

    private final String text;
    /** Split once: every field of every template is matched against every row's patterns. */
    private final List<String> segments;

    /**
     * @param text the pattern as written
     * @throws IllegalArgumentException when it is empty or blank
     */
    public FieldPattern(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a field pattern must not be empty");
        }
        this.text = text;
        this.segments = List.copyOf(text.startsWith("/") ? Pointers.segments(text) : List.of(text.split("\\.")));
    }

    /** The pattern as written. */
    public String text() {
        return text;
    }

    /** Whether the pointer matches the whole pattern. */
    public boolean matches(String pointer) {
        return matches(Pointers.segments(pointer));
    }

    /** Whether a pointer of these (unescaped) segments matches the whole pattern. */
    public boolean matches(List<String> pointerSegments) {
        return match(segments, 0, pointerSegments, 0);
    }

    /** The pattern as a pointer pattern: the dotted and the pointer form of one pattern are equal here. */
    public String canonical() {
        return "/" + String.join("/", segments);
    }

    /** How many {@code **} segments the pattern holds. */
    public int wildcards() {
        return (int) segments.stream().filter("**"::equals).count();
    }

    private static boolean match(List<String> pattern, int p, List<String> path, int i) {
        if (p == pattern.size()) {
            return i == path.size();
        }
        String segment = pattern.get(p);
        if (segment.equals("**")) {
            for (int skip = i; skip <= path.size(); skip++) {
                if (match(pattern, p + 1, path, skip)) {
                    return true;
                }
            }
            return false;
        }
        return i < path.size() && (segment.equals("*") || segment.equals(path.get(i)))
                && match(pattern, p + 1, path, i + 1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldPattern pattern && pattern.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
