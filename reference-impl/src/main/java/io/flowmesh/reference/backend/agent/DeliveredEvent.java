package io.flowmesh.reference.backend.agent;

import java.time.Duration;

/**
 * An event the runtime delivered from an agent's stream.
 *
 * @param at the virtual time it arrived, from the start of the run
 * @param kind the event kind, e.g. {@code message} or {@code tool_call}
 * @param content the event's payload
 */
public record DeliveredEvent(Duration at, String kind, String content) {
}
