package io.flowmesh.reference.backend.agent;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Scripted agent runs read from a JSON file, by the task text they answer: what a run whose text
 * equals a script's {@code task} replays on the virtual clock instead of its derived script.
 *
 * <p>The file holds {@code {"scripts": [{"task": ..., "events": [{"at_seconds": 5, "kind": "message",
 * "content": ...}], "finish_at_seconds": 9, "result": ...}]}}. Times are absolute virtual seconds from
 * the start of the run (non-negative numbers, fractions allowed); events are in order and none is due
 * after the finish; {@code kind} defaults to {@code message}, {@code content} and {@code result} to
 * the empty string. Each task text appears once. Other keys are ignored.
 */
public final class AgentScripts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Map<String, AgentScript> byTask;

    private AgentScripts(Map<String, AgentScript> byTask) {
        this.byTask = byTask;
    }

    /** No scripts: every run keeps its derived script. */
    public static AgentScripts none() {
        return new AgentScripts(Map.of());
    }

    /**
     * Reads a scripts file.
     *
     * @throws AgentScriptsException naming the file (and the entry) when it cannot be read or is malformed
     */
    public static AgentScripts read(Path file) throws AgentScriptsException {
        Objects.requireNonNull(file, "file");
        String subject = "agent scripts file " + file;
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new AgentScriptsException(subject + " is not JSON: " + e.getOriginalMessage().replace('\n', ' '));
        } catch (IOException e) {
            throw new AgentScriptsException(subject + " cannot be read: " + e.getMessage());
        }
        if (root == null || !root.path("scripts").isArray()) {
            throw new AgentScriptsException(subject + ": expected an object with a \"scripts\" list");
        }
        Map<String, AgentScript> byTask = new LinkedHashMap<>();
        JsonNode scripts = root.get("scripts");
        for (int i = 0; i < scripts.size(); i++) {
            String where = subject + ": scripts[" + i + "]";
            JsonNode entry = scripts.get(i);
            if (!entry.isObject()) {
                throw new AgentScriptsException(where + ": expected an object");
            }
            String task = text(entry, "task", null, where);
            if (byTask.containsKey(task)) {
                throw new AgentScriptsException(where + ".task: a script for this task text comes earlier");
            }
            byTask.put(task, script(entry, task, where));
        }
        return new AgentScripts(Map.copyOf(byTask));
    }

    /** The script for a run with this task text, if the file has one. */
    public Optional<AgentScript> forTask(String task) {
        return Optional.ofNullable(byTask.get(task));
    }

    private static AgentScript script(JsonNode entry, String task, String where) throws AgentScriptsException {
        AgentScript.Builder script = AgentScript.named(task);
        Duration previous = Duration.ZERO;
        JsonNode events = entry.path("events");
        if (!events.isMissingNode() && !events.isArray()) {
            throw new AgentScriptsException(where + ".events: expected a list");
        }
        for (int e = 0; e < events.size(); e++) {
            String at = where + ".events[" + e + "]";
            JsonNode event = events.get(e);
            if (!event.isObject()) {
                throw new AgentScriptsException(at + ": expected an object");
            }
            Duration due = seconds(event, "at_seconds", at);
            if (due.compareTo(previous) < 0) {
                throw new AgentScriptsException(at + ".at_seconds: events must be in time order, but this one is due "
                        + "before the previous one");
            }
            script.emit(text(event, "kind", "message", at), text(event, "content", "", at), due.minus(previous));
            previous = due;
        }
        Duration finish = seconds(entry, "finish_at_seconds", where);
        if (finish.compareTo(previous) < 0) {
            throw new AgentScriptsException(where + ".finish_at_seconds: the finish is due before the last event");
        }
        return script.finish(text(entry, "result", "", where), finish.minus(previous));
    }

    private static Duration seconds(JsonNode node, String key, String where) throws AgentScriptsException {
        JsonNode value = node.get(key);
        if (value == null || !value.isNumber() || value.decimalValue().signum() < 0) {
            throw new AgentScriptsException(where + "." + key + ": expected a non-negative number of seconds, got "
                    + (value == null ? "nothing" : value.toString()));
        }
        BigDecimal nanos = value.decimalValue().multiply(BigDecimal.valueOf(NANOS_PER_SECOND));
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new AgentScriptsException(where + "." + key + ": too large: " + value);
        }
        return Duration.ofNanos(nanos.longValue());
    }

    private static String text(JsonNode node, String key, String fallback, String where) throws AgentScriptsException {
        JsonNode value = node.get(key);
        if (value == null && fallback != null) {
            return fallback;
        }
        if (value == null || !value.isTextual()) {
            throw new AgentScriptsException(where + "." + key + ": expected a string, got "
                    + (value == null ? "nothing" : value.toString()));
        }
        return value.asText();
    }
}
