package io.flowmesh.reference.backend.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs scripted agents on a virtual clock: the CPU agent backend, real semantics at small scale.
 *
 * <p>The timeout bounds the whole event stream, as the RFC fix requires (upstream bounded only the
 * tail of the run, so a stalled stream was never cut): if the next event would arrive after the
 * timeout, the run is cut at exactly the timeout. An event arriving exactly at the timeout is still
 * delivered. A timed-out single task is a retryable failure; in a batch, every item gets its own
 * clock and the full timeout, and a timed-out item fails alone.
 */
public final class AgentRuntime {

    /**
     * Runs one agent task.
     *
     * @param timeout the bound on the whole event stream; positive
     */
    public AgentOutcome run(AgentScript script, Duration timeout) {
        return execute(script, positive(timeout), true, "agent task '" + script.name() + "'");
    }

    /**
     * Runs a batch of agent tasks, each independently under the same timeout.
     *
     * @param timeout the bound on each item's event stream; positive
     */
    public BatchOutcome runBatch(List<AgentScript> scripts, Duration timeout) {
        positive(timeout);
        List<AgentOutcome> items = new ArrayList<>(scripts.size());
        for (int index = 0; index < scripts.size(); index++) {
            AgentScript script = scripts.get(index);
            items.add(execute(script, timeout, false, "batch item " + index + " ('" + script.name() + "')"));
        }
        return new BatchOutcome(items);
    }

    private static AgentOutcome execute(AgentScript script, Duration timeout, boolean single, String subject) {
        VirtualClock clock = new VirtualClock();
        List<DeliveredEvent> events = new ArrayList<>();
        Duration silence = Duration.ZERO;
        for (AgentStep step : script.steps()) {
            if (step instanceof AgentStep.Stall) {
                silence = silence.plus(step.delay());
                continue;
            }
            Duration arrival = clock.now().plus(silence).plus(step.delay());
            if (arrival.compareTo(timeout) > 0) {
                clock.advanceTo(timeout);
                String message = subject + " timed out: no event between " + seconds(lastEventTime(events))
                        + " and the " + seconds(timeout) + " timeout (next due at " + seconds(arrival) + "); "
                        + "events delivered: " + events.size() + (single ? "; retryable" : "; item failed");
                return new AgentOutcome(script.name(), AgentOutcome.Status.TIMED_OUT, timeout, clock.now(), events,
                        single, clock.now(), null, message);
            }
            clock.advanceTo(arrival);
            silence = Duration.ZERO;
            if (step instanceof AgentStep.Emit emit) {
                events.add(new DeliveredEvent(arrival, emit.kind(), emit.content()));
            } else if (step instanceof AgentStep.Finish finish) {
                return new AgentOutcome(script.name(), AgentOutcome.Status.COMPLETED, timeout, arrival, events, false,
                        null, finish.result(), subject + " completed at " + seconds(arrival) + " of a "
                                + seconds(timeout) + " timeout; events delivered: " + events.size());
            }
        }
        throw new IllegalStateException("agent script '" + script.name() + "' has no finish step");
    }

    private static Duration lastEventTime(List<DeliveredEvent> events) {
        return events.isEmpty() ? Duration.ZERO : events.get(events.size() - 1).at();
    }

    private static Duration positive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the agent timeout must be positive, got " + timeout);
        }
        return timeout;
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : (millis / 1000.0) + " s";
    }
}
