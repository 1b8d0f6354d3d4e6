package io.flowmesh.conformance.witness;

import java.util.Comparator;
import java.util.Objects;

import org.apiguardian.api.API;

/**
 * One chat completion a run asked of the kit's scripted agent endpoint, and how the stream ended.
 *
 * @param task the last user message, which names the script replayed; the whole text when no script
 *     matched
 * @param scripted whether a script of the run's {@code agentScripts} matched it
 * @param readToTheEnd whether the client read the stream to its end; {@code false} when it disconnected
 * @param eventsDelivered how many of the script's events were sent before the stream ended
 * @param elapsedMillis real milliseconds from the request to the end of the stream or the disconnect;
 *     real time, so never shown in a passing case's words
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public record AgentRequest(String task, boolean scripted, boolean readToTheEnd, int eventsDelivered, long elapsedMillis) {

    /** The order a witness lists its agent requests in. */
    static final Comparator<AgentRequest> ORDER = Comparator.comparing(AgentRequest::task)
            .thenComparing(AgentRequest::readToTheEnd).thenComparingInt(AgentRequest::eventsDelivered)
            .thenComparingLong(AgentRequest::elapsedMillis);

    public AgentRequest {
        Objects.requireNonNull(task, "task");
    }
}
