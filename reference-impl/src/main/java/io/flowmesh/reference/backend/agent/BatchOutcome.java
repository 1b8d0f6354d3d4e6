package io.flowmesh.reference.backend.agent;

import java.util.List;

/**
 * How a batch of agent runs ended: one outcome per item, in input order. A timed-out item is a failed
 * item; it does not fail the others.
 *
 * @param items the items' outcomes
 */
public record BatchOutcome(List<AgentOutcome> items) {

    public BatchOutcome {
        items = List.copyOf(items);
    }

    /** How many items completed. */
    public long completed() {
        return items.stream().filter(item -> !item.failed()).count();
    }

    /** How many items failed. */
    public long failed() {
        return items.stream().filter(AgentOutcome::failed).count();
    }
}
