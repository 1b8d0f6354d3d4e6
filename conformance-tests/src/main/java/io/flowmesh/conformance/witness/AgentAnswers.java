package io.flowmesh.conformance.witness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/**
 * The scripted agent endpoint: an OpenAI-compatible {@code POST .../v1/chat/completions} that streams
 * (server-sent events) the script of the run's {@code agentScripts} whose {@code task} is the request's
 * last user message, each event at its {@code at_seconds} in real seconds after the request, the final
 * answer at {@code finish_at_seconds}. Between events it sends an SSE comment every
 * {@value #HEARTBEAT_MILLIS} ms, so that a client that gives up is noticed at once: the moment of the
 * disconnect is what the witness records.
 *
 * <p>Bounded: a request body of at most {@value #MAX_BODY_BYTES} bytes, a stream of at most
 * {@value #MAX_STREAM_SECONDS} s whatever the script says.
 */
final class AgentAnswers {

    static final int MAX_BODY_BYTES = 1 << 16;
    static final int MAX_STREAM_SECONDS = 30;
    static final long HEARTBEAT_MILLIS = 50;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A script: when each event is due and when the answer is, in milliseconds after the request. */
    private record Script(List<Long> events, long finish, String result) {
    }

    private final Map<String, Script> scripts;

    private AgentAnswers(Map<String, Script> scripts) {
        this.scripts = scripts;
    }

    /** The endpoint over a scripts file; no scripts when the file is absent or unreadable (every request then gets 404). */
    static AgentAnswers over(Path scriptsFile) {
        Map<String, Script> scripts = new LinkedHashMap<>();
        try {
            JsonNode root = JSON.readTree(Files.readString(scriptsFile, StandardCharsets.UTF_8));
            for (JsonNode script : root.path("scripts")) {
                List<Long> events = new ArrayList<>();
                script.path("events").forEach(e -> events.add(millis(e.path("at_seconds"))));
                scripts.put(script.path("task").asText(), new Script(events, millis(script.path("finish_at_seconds")),
                        script.path("result").asText("")));
            }
        } catch (IOException e) {
            // No scripts: the endpoint then answers 404 to every task, as an unknown model would be answered.
        }
        return new AgentAnswers(scripts);
    }

    private static long millis(JsonNode seconds) {
        return Math.min(Math.round(seconds.asDouble(0) * 1000), MAX_STREAM_SECONDS * 1000L);
    }

    /** Answers one request on the exchange and says what the witness records of it. */
    AgentRequest stream(HttpExchange exchange, List<String> segments) throws IOException {
        long start = System.nanoTime();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (!exchange.getRequestMethod().equals("POST") || !segments.equals(List.of("v1", "chat", "completions"))
                || body.length > MAX_BODY_BYTES) {
            exchange.sendResponseHeaders(404, -1);
            return null;
        }
        String task = lastUserMessage(body).orElse("");
        Script script = scripts.get(task);
        if (script == null) {
            exchange.sendResponseHeaders(404, -1);
            return new AgentRequest(task, false, false, 0, elapsed(start));
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        int delivered = 0;
        try (OutputStream out = exchange.getResponseBody()) {
            for (long due : script.events()) {
                waitUntil(start, due, out);
                send(out, "data: " + chunk("event " + (delivered + 1)) + "\n\n");
                delivered++;
            }
            waitUntil(start, script.finish(), out);
            send(out, "data: " + chunk(script.result()) + "\n\ndata: [DONE]\n\n");
        } catch (IOException disconnected) {
            return new AgentRequest(task, true, false, delivered, elapsed(start));
        }
        return new AgentRequest(task, true, true, delivered, elapsed(start));
    }

    /** Waits until the moment is due, sending a heartbeat comment now and then; fails when the client is gone. */
    private static void waitUntil(long start, long dueMillis, OutputStream out) throws IOException {
        while (elapsed(start) < dueMillis) {
            send(out, ": waiting\n\n");
            try {
                Thread.sleep(Math.max(1, Math.min(HEARTBEAT_MILLIS, dueMillis - elapsed(start))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("the witness server is stopping", e);
            }
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String chunk(String content) throws IOException {
        Map<String, Object> delta = Map.of("content", content);
        return JSON.writeValueAsString(Map.of("object", "chat.completion.chunk",
                "choices", List.of(Map.of("index", 0, "delta", delta))));
    }

    private static Optional<String> lastUserMessage(byte[] body) {
        try {
            String last = null;
            for (JsonNode message : JSON.readTree(body).path("messages")) {
                if (message.path("role").asText().equals("user")) {
                    last = message.path("content").asText();
                }
            }
            return Optional.ofNullable(last);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
