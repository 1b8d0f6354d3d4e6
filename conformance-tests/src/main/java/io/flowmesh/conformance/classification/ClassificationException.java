package io.flowmesh.conformance.classification;

import org.apiguardian.api.API;

/** The classification file is missing, unreadable or does not match its schema. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ClassificationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message names the file and, where known, the line and field path */
    public ClassificationException(String message) {
        super(message);
    }
}
