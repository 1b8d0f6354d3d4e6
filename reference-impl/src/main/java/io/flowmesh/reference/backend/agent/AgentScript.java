package io.flowmesh.reference.backend.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A scripted agent: the events it streams and the virtual delays between them, ending in one
 * {@link AgentStep.Finish}.
 *
 * @param name the agent run's name, used in outcomes and messages
 * @param steps the steps in order; the last and only the last is a finish
 */
public record AgentScript(String name, List<AgentStep> steps) {

    public AgentScript {
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
        if (steps.isEmpty() || !(steps.get(steps.size() - 1) instanceof AgentStep.Finish)) {
            throw new IllegalArgumentException("agent script '" + name + "' must end with a finish step");
        }
        if (steps.stream().filter(AgentStep.Finish.class::isInstance).count() != 1) {
            throw new IllegalArgumentException("agent script '" + name + "' must finish exactly once");
        }
    }

    /** Starts a script with this name. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** The virtual time the whole script takes when nothing cuts it. */
    public Duration duration() {
        return steps.stream().map(AgentStep::delay).reduce(Duration.ZERO, Duration::plus);
    }

    /** Builds a script step by step; {@link #finish} ends it. */
    public static final class Builder {

        private final String name;
        private final List<AgentStep> steps = new ArrayList<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Streams an event {@code after} the previous step. */
        public Builder emit(String kind, String content, Duration after) {
            steps.add(new AgentStep.Emit(kind, content, after));
            return this;
        }

        /** Stays silent for this long. */
        public Builder stall(Duration silence) {
            steps.add(new AgentStep.Stall(silence));
            return this;
        }

        /** Finishes with a result {@code after} the previous step, and returns the script. */
        public AgentScript finish(String result, Duration after) {
            steps.add(new AgentStep.Finish(result, after));
            return new AgentScript(name, steps);
        }
    }
}
