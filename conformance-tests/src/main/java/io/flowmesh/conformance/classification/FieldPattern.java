package io.flowmesh.conformance.classification;

import java.util.List;

import io.flowmesh.conformance.probe.Pointers;
import org.apiguardian.api.API;

/**
 * A pattern over JSON pointers: {@code *} matches one segment, {@code **} any number of segments
 * (none included). Written either as a pointer ({@code /spec/stages/* /spec/model/adapters/* /url},
 * without the spaces) or dotted ({@code **.resources.replicas}).
 *
 * @param text the pattern as written
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record FieldPattern(String text) {

    public FieldPattern {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a field pattern must not be empty");
        }
    }

    /** Whether the pointer matches the whole pattern. */
    public boolean matches(String pointer) {
        return match(segments(), 0, Pointers.segments(pointer), 0);
    }

    /** The pattern as a pointer pattern: the dotted and the pointer form of one pattern are equal here. */
    public String canonical() {
        return "/" + String.join("/", segments());
    }

    /** How many {@code **} segments the pattern holds. */
    public int wildcards() {
        return (int) segments().stream().filter("**"::equals).count();
    }

    private List<String> segments() {
        return text.startsWith("/") ? Pointers.segments(text) : List.of(text.split("\\."));
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
    public String toString() {
        return text;
    }
}
