package io.flowmesh.conformance.migrate;

import org.apiguardian.api.API;

/**
 * A template {@code migrate} leaves as it is: it cannot be parsed, or an edit it needs is one the
 * migration cannot make safely. The message names the file, and the line and column where known.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class MigrationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A refusal worded for people: {@code file:line:column: what is wrong}. */
    public MigrationException(String message) {
        super(message);
    }
}
