package io.flowmesh.conformance.probe;

import java.util.ArrayList;
import java.util.List;

import org.apiguardian.api.API;

/** JSON pointer (RFC 6901) segments: splitting, escaping and naming the parent. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Pointers {

    private Pointers() {
    }

    /** Escapes one segment: {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    public static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    /** The unescaped segments of a pointer; {@code ""} has none. */
    public static List<String> segments(String pointer) {
        List<String> segments = new ArrayList<>();
        if (pointer.isEmpty()) {
            return segments;
        }
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException("not a JSON pointer: " + pointer);
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            segments.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return segments;
    }

    /** The pointer of the parent container. */
    public static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    /** The last segment, unescaped. */
    public static String last(String pointer) {
        List<String> segments = segments(pointer);
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }
}
