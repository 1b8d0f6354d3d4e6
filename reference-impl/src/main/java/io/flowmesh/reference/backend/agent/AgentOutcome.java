package io.flowmesh.reference.backend.agent;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one agent run ended.
 *
 * @param name the script's name
 * @param status completed or timed out
 * @param timeout the timeout that bounded the whole event stream
 * @param elapsed the virtual time the run took: its finish time, or the timeout when cut
 * @param events the script's events delivered before the run ended; the finish is not an event
 * @param retryable whether the failure may be retried (a timed-out single task); false for a
 *     completed run and for a timed-out batch item
 * @param cutAt the virtual time the run was cut at (equal to the timeout), or {@code null} when it
 *     completed
 * @param result the final answer, or {@code null} when cut
 * @param message one line saying what happened, fit for a log or an error report
 */
public record AgentOutcome(String name, Status status, Duration timeout, Duration elapsed,
                           List<DeliveredEvent> events, boolean retryable, Duration cutAt, String result,
                           String message) {

    /** How a run ended. */
    public enum Status {
        /** The agent finished within the timeout. */
        COMPLETED,
        /** The next event would have arrived after the timeout; the run was cut at the timeout. */
        TIMED_OUT
    }

    public AgentOutcome {
        Objects.requireNonNull(status, "status");
        events = List.copyOf(events);
    }

    /** Whether the run failed. */
    public boolean failed() {
        return status != Status.COMPLETED;
    }
}
