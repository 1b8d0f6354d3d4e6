package io.flowmesh.reference.backend.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The endpoint API tasks reach on CPU, offline: a URL the run's mirror holds answers {@code 200}
 * with the mirrored file; any other URL is answered by a stand-in of an OpenAI-compatible chat
 * completions server (the shape upstream's API executor parses, and the default endpoint of its
 * templates), whose reply echoes the request's last message content, with token usage counted in
 * words. Deterministic: the same request always gets the same answer.
 */
public final class StandInApiServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<Path> mirror;

    /** @param mirror the folder answering {@code http(s)://host/path} from {@code <folder>/host/path}, if any */
    public StandInApiServer(Optional<Path> mirror) {
        this.mirror = mirror;
    }

    /** Answers one request. */
    public ApiResponse send(ApiRequest request) {
        Optional<Path> mirrored = mirrored(request.url());
        if (mirrored.isPresent()) {
            try {
                return new ApiResponse(200, Files.readString(mirrored.get(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the mirrored answer " + mirrored.get(), e);
            }
        }
        String prompt = lastMessage(request.json());
        String content = "Stand-in reply to: " + prompt;
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", content);
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("finish_reason", "stop");
        int promptTokens = words(prompt);
        int completionTokens = words(content);
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "chat.completion");
        body.put("choices", List.of(choice));
        body.put("usage", usage);
        try {
            return new ApiResponse(200, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON-like map always serialises", e);
        }
    }

    private Optional<Path> mirrored(String url) {
        int scheme = url.indexOf("://");
        if (mirror.isEmpty() || scheme < 0 || !(url.startsWith("http://") || url.startsWith("https://"))) {
            return Optional.empty();
        }
        String rest = url.substring(scheme + 3);
        int query = rest.indexOf('?');
        Path root = mirror.get().toAbsolutePath().normalize();
        Path local = root.resolve(query < 0 ? rest : rest.substring(0, query)).normalize();
        return local.startsWith(root) && Files.isRegularFile(local) ? Optional.of(local) : Optional.empty();
    }

    /** The content of the last chat message of a {@code messages} body, else the body as text. */
    private static String lastMessage(Object json) {
        if (json instanceof Map<?, ?> map && map.get("messages") instanceof List<?> messages && !messages.isEmpty()
                && messages.get(messages.size() - 1) instanceof Map<?, ?> last && last.get("content") != null) {
            return String.valueOf(last.get("content"));
        }
        return json == null ? "" : String.valueOf(json);
    }

    private static int words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }
}
