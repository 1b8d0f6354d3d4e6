package io.flowmesh.reference.backend.hub;

import java.util.regex.Pattern;

/**
 * The naming rules of the hub cache layout, in one place so that the reader and the writer of a store
 * agree, and so that no identifier or revision can name a path outside the store.
 */
final class HubNames {

    /** A commit id as the hub writes it: 40 lowercase hex digits. */
    static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    /** One path segment of an identifier or ref name: no separators, no dot-only names. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private HubNames() {
    }

    /** {@code org/name} -> {@code models--org--name}; a bare {@code name} -> {@code models--name}. */
    static String repositoryFolder(String identifier) {
        return "models--" + identifier.replace("/", "--");
    }

    /** Whether an identifier is {@code name} or {@code org/name} made of plain segments. */
    static boolean validIdentifier(String identifier) {
        String[] parts = identifier.split("/", -1);
        if (parts.length > 2) {
            return false;
        }
        for (String part : parts) {
            if (!SEGMENT.matcher(part).matches() || part.contains("--") || part.endsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a ref name is safe to look up under {@code refs/}: plain segments joined by single
     * slashes (as in {@code pr/1} or {@code release/v1}), never {@code ..}, never absolute.
     */
    static boolean validRefName(String ref) {
        for (String part : ref.split("/", -1)) {
            if (!SEGMENT.matcher(part).matches() || part.contains("..") || part.endsWith(".")) {
                return false;
            }
        }
        return true;
    }

    static boolean isCommit(String revision) {
        return COMMIT.matcher(revision).matches();
    }
}
