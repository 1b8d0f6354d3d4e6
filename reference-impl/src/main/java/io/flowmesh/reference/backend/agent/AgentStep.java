package io.flowmesh.reference.backend.agent;

import java.time.Duration;
import java.util.Objects;

/** One step of a scripted agent, each with the virtual time it takes before it happens. */
public sealed interface AgentStep {

    /** The virtual time that passes before this step happens, measured from the previous step. */
    Duration delay();

    /**
     * The agent streams an event.
     *
     * @param kind the event kind, e.g. {@code thinking} or {@code tool_call}
     * @param content the event's payload
     * @param delay the virtual time before it arrives
     */
    record Emit(String kind, String content, Duration delay) implements AgentStep {
        public Emit {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(content, "content");
            delay = nonNegative(delay);
        }
    }

    /**
     * The agent goes quiet: nothing arrives for this long (a hung tool, a stuck model call).
     *
     * @param delay how long the stream stays silent
     */
    record Stall(Duration delay) implements AgentStep {
        public Stall {
            delay = nonNegative(delay);
        }
    }

    /**
     * The agent finishes with a result; always the last step.
     *
     * @param result the final answer
     * @param delay the virtual time before it arrives
     */
    record Finish(String result, Duration delay) implements AgentStep {
        public Finish {
            Objects.requireNonNull(result, "result");
            delay = nonNegative(delay);
        }
    }

    private static Duration nonNegative(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a step cannot happen before the previous one: " + delay);
        }
        return delay;
    }
}
