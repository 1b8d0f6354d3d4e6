package io.flowmesh.reference.backend.agent;

import java.time.Duration;

/**
 * Time for one agent run, measured from its start and moved only by the runtime: no wall clock, no
 * sleeping, so a 900 s stall costs nothing and every run is reproducible.
 */
public final class VirtualClock {

    private Duration now = Duration.ZERO;

    /** The virtual time since the run started. */
    public Duration now() {
        return now;
    }

    /** Moves the clock forward to {@code instant}; it never moves back. */
    public void advanceTo(Duration instant) {
        if (instant.compareTo(now) < 0) {
            throw new IllegalArgumentException("virtual time cannot go back from " + now + " to " + instant);
        }
        now = instant;
    }
}
