package io.flowmesh.reference.backend.hub;

/**
 * A model identifier and revision that do not resolve to a snapshot in a {@link ModelStore}.
 *
 * <p>The message is one line that names the identifier and the revision, fit to show a user as is.
 */
public final class ModelResolutionException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line, user-facing message. */
    public ModelResolutionException(String message) {
        super(message);
    }
}
