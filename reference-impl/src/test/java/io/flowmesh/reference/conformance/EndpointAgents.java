package io.flowmesh.reference.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowmesh.conformance.probe.TemplateTree;
import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.EffectTrace;
import io.flowmesh.conformance.spi.ParseResult;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import io.flowmesh.reference.ReferenceImplementation;

/**
 * The reference with agents that run for real: a single agent task asks the kit's agent endpoint
 * ({@code agentEndpoint}) for a streamed chat completion and, when the endpoint scripts the task, reads
 * the stream in real time under {@code spec.agent.timeout}; any other run is the reference's. Either it
 * enforces the timeout (it closes the stream when the timeout passes), or, broken, it reads the stream to
 * its end and only then reports a timeout it did not enforce.
 */
final class EndpointAgents implements WorkflowImplementation {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final ReferenceImplementation reference = new ReferenceImplementation();
    private final boolean enforces;

    private EndpointAgents(boolean enforces) {
        this.enforces = enforces;
    }

    /** Agents that close the stream at the timeout. */
    static EndpointAgents enforcingTheTimeout() {
        return new EndpointAgents(true);
    }

    /** Agents that read every stream to its end, then report a timeout when it took longer than the timeout. */
    static EndpointAgents reportingATimeoutTheyDidNotEnforce() {
        return new EndpointAgents(false);
    }

    @Override
    public String name() {
        return enforces ? "endpoint-agents" : "endpoint-agents-without-a-timeout";
    }

    @Override
    public String version() {
        return "test";
    }

    @Override
    public Capabilities capabilities() {
        Capabilities declared = reference.capabilities();
        Set<String> witnessed = new HashSet<>(declared.witnessed());
        witnessed.add(Capabilities.AGENT);
        return new Capabilities(declared.taskTypes(), declared.backends(), declared.concurrent(), witnessed);
    }

    @Override
    public ParseResult parse(String yaml, String sourceName) {
        return reference.parse(yaml, sourceName);
    }

    @Override
    public RunResult run(String yaml, RunOptions options) {
        JsonNode spec = TemplateTree.read(yaml).path("spec");
        JsonNode timeout = spec.path("agent").path("timeout");
        if (!"agent".equals(spec.path("taskType").asText()) || !spec.path("task").isTextual() || !timeout.isIntegralNumber()
                || spec.path("agent").has("batch") || options.get(RunOptions.AGENT_ENDPOINT).isEmpty()) {
            return reference.run(yaml, options);
        }
        try {
            HttpResponse<InputStream> stream = CLIENT.send(HttpRequest.newBuilder(URI.create(options.get(
                    RunOptions.AGENT_ENDPOINT).get() + "/chat/completions")).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("model", "kit", "stream", true,
                            "messages", List.of(Map.of("role", "user", "content", spec.get("task").asText()))))))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            if (stream.statusCode() == 404) {
                stream.body().close();
                return reference.run(yaml, options);
            }
            return outcome(read(stream.body(), timeout.longValue()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Whether the run timed out: the stream was closed at the timeout, or (broken) took longer than it. */
    private boolean read(InputStream body, long timeoutSeconds) throws IOException, InterruptedException {
        long start = System.nanoTime();
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null && !line.equals("data: [DONE]"); line = lines.readLine()) {
                    // Every event is read; what it says does not matter to the timeout.
                }
            } catch (IOException e) {
                // Closed at the timeout.
            }
        });
        if (!enforces) {
            done.join();
            return System.nanoTime() - start > TimeUnit.SECONDS.toNanos(timeoutSeconds);
        }
        try {
            done.get(timeoutSeconds, TimeUnit.SECONDS);
            return false;
        } catch (TimeoutException e) {
            body.close();
            return true;
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    private static RunResult outcome(boolean timedOut) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("status", timedOut ? "timed_out" : "completed");
        outcome.put("retryable", timedOut);
        return new RunResult.Completed(new EffectTrace(List.of(new Effect("agent", "task/outcome", outcome))), List.of());
    }
}
