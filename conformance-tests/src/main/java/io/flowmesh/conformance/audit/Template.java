package io.flowmesh.conformance.audit;

import org.apiguardian.api.API;

/**
 * A template file of the corpus.
 *
 * @param file its file name, as reports show it
 * @param yaml its text
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Template(String file, String yaml) {

    /** The file name without its extension: the first part of every check ID. */
    public String stem() {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
