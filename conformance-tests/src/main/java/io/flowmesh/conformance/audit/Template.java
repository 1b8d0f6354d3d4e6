package io.flowmesh.conformance.audit;

import java.util.Optional;

import org.apiguardian.api.API;

/**
 * A template file of the corpus.
 *
 * @param file its name as reports show it: the file name, or its path below the folder it was found in
 * @param yaml its text; empty when the file could not be read
 * @param unreadable why the file could not be read, or null when it was
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Template(String file, String yaml, String unreadable) {

    /** A template that was read. */
    public Template(String file, String yaml) {
        this(file, yaml, null);
    }

    /** A file of the corpus that could not be read: it is still reported, as a failed template. */
    public static Template unreadable(String file, String reason) {
        return new Template(file, "", reason);
    }

    /** Why the file could not be read, or empty when it was read. */
    public Optional<String> readProblem() {
        return Optional.ofNullable(unreadable);
    }

    /** The file name without its extension: the first part of every check ID. */
    public String stem() {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
