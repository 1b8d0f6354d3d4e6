package io.flowmesh.reference.schema;

import com.networknt.schema.path.NodePath;

/** Turns the validator's paths into RFC 6901 JSON pointers. */
final class Pointers {

    private Pointers() {
    }

    static String of(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(escape(String.valueOf(path.getElement(i))));
        }
        return pointer.toString();
    }

    static String child(String pointer, String key) {
        return pointer + "/" + escape(key);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
