package io.flowmesh.reference.backend.ppo;

/** A PPO backend could not start or continue a run (a missing engine, a crashed process, ...). */
public class PpoBackendException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one line saying what failed */
    public PpoBackendException(String message) {
        super(message);
    }

    /**
     * @param message one line saying what failed
     * @param cause the underlying failure
     */
    public PpoBackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
