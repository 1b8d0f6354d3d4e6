package io.flowmesh.conformance.audit;

import org.apiguardian.api.API;

/** The audit's input (templates folder, classification, implementation) is missing or unusable. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AuditInputException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and where */
    public AuditInputException(String message) {
        super(message);
    }
}
