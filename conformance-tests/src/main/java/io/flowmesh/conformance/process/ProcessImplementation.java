package io.flowmesh.conformance.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.spi.ParseResult;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import org.apiguardian.api.API;

/**
 * An implementation in any language, run as a process that speaks the JSON-lines protocol on its
 * stdin and stdout. The process starts once and serves every call in order, each within the
 * {@link ProcessLimits}: an answer that is late, too long, not JSON, or for another request is a
 * protocol fault. A fault fails that one call with a {@link ProtocolException} naming the cause, the
 * request and the tail of the process's stderr; the process and everything it started are killed,
 * and the next call starts it again (up to {@link ProcessLimits#maxRestarts()} times).
 *
 * <p>{@link #close()} closes the process's input, which ends the protocol, and kills whatever of the
 * process and its children is still running after {@link ProcessLimits#exitGrace()}; a shutdown hook
 * does the same when the JVM exits first.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ProcessImplementation implements WorkflowImplementation, AutoCloseable {

    /** The system property holding the command line of the implementation process. */
    public static final String PROPERTY = "conformance.process.command";

    /**
     * The protocol versions the kit speaks, offered in {@code describe}: 1 sends the template as YAML
     * text; 2 also sends it as a JSON document the kit has read. A process that names no version speaks 1.
     *
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public static final List<Integer> PROTOCOL_VERSIONS = List.of(1, 2);

    /** How much of the stderr tail a message quotes. */
    private static final int QUOTED_STDERR = 600;

    /**
     * Numbers are data: a trace may hold a 2000-digit integer. The bound keeps Jackson's quadratic
     * big-number parsing from becoming a denial of service.
     */
    private static final int MAX_NUMBER_DIGITS = 100_000;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(MAX_NUMBER_DIGITS).build())
            .build());

    private final List<String> command;
    private final ProcessLimits limits;
    private final Thread shutdownHook;
    private final String name;
    private final String version;
    private final Capabilities capabilities;
    private int protocolVersion;
    private Connection connection;
    private int restarts;
    /** Restarts since the process last answered a request: a process that faults right after one is given up. */
    private int restartsInARow;
    private String lastFault;
    private long nextId;
    private boolean closed;

    /**
     * Starts the process with the limits the system properties set and asks it to describe itself.
     *
     * @param command the program and its arguments
     * @throws ProtocolException when the process cannot start or does not describe itself
     * @throws IllegalArgumentException when a limit's system property is malformed
     */
    public ProcessImplementation(List<String> command) {
        this(command, ProcessLimits.fromSystemProperties());
    }

    /**
     * Starts the process and asks it to describe itself.
     *
     * @param command the program and its arguments
     * @param limits how long and how much the kit waits for and reads from the process
     * @throws ProtocolException when the process cannot start or does not describe itself
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public ProcessImplementation(List<String> command, ProcessLimits limits) {
        if (command.isEmpty()) {
            throw new ProtocolException("the implementation process command is empty");
        }
        this.command = List.copyOf(command);
        this.limits = limits;
        this.shutdownHook = new Thread(this::killQuietly, "flowmesh-impl-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            this.connection = start();
            JsonNode description = call("describe", describeParams());
            this.protocolVersion = negotiated(description);
            this.name = description.path("name").asText();
            this.version = description.path("version").asText();
            this.capabilities = WireFormat.capabilities(description.path("capabilities"));
            if (name.isEmpty()) {
                throw new ProtocolException("the implementation process " + command + " described itself without a name");
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Splits a command line on white space (no quoting), as {@value #PROPERTY} and {@code --process} take it. */
    public static List<String> commandLine(String line) {
        return Arrays.stream(line.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The protocol version the process chose in {@code describe} from {@link #PROTOCOL_VERSIONS}.
     *
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public synchronized int protocolVersion() {
        return protocolVersion;
    }

    private static Map<String, Object> describeParams() {
        return Map.of("protocolVersions", PROTOCOL_VERSIONS);
    }

    /** The version a describe answer chose: absent is 1 (a process written before versions existed). */
    private int negotiated(JsonNode description) {
        JsonNode chosen = description.path("protocolVersion");
        if (chosen.isMissingNode() || chosen.isNull()) {
            return 1;
        }
        if (!chosen.isIntegralNumber() || !PROTOCOL_VERSIONS.contains(chosen.asInt())) {
            throw broken(nextId, "describe", "it chose protocol version " + brief(chosen.toString(), 40)
                    + ", but the kit speaks " + PROTOCOL_VERSIONS + " (the answer's protocolVersion)");
        }
        return chosen.asInt();
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public ParseResult parse(String yaml, String sourceName) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("yaml", yaml);
        params.put("sourceName", sourceName);
        if (protocolVersion() >= 2) {
            TemplateDocument.addTo(params, yaml);
        }
        JsonNode result = call("parse", params);
        try {
            return WireFormat.parseResult(result);
        } catch (RuntimeException e) {
            throw new ProtocolException(prefix() + "its answer to 'parse' is malformed: " + e.getMessage());
        }
    }

    @Override
    public RunResult run(String yaml, RunOptions options) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("yaml", yaml);
        if (protocolVersion() >= 2) {
            TemplateDocument.addTo(params, yaml);
        }
        params.put("options", options.settings());
        JsonNode result = call("run", params);
        try {
            return WireFormat.runResult(result);
        } catch (ProtocolException e) {
            throw new ProtocolException(prefix() + e.getMessage());
        } catch (RuntimeException e) {
            throw new ProtocolException(prefix() + "its answer to 'run' is malformed: " + e.getMessage());
        }
    }

    /** How often the process was restarted after a protocol fault (for reports and tests). */
    public synchronized int restarts() {
        return restarts;
    }

    private Connection start() {
        try {
            return Connection.start(command, limits);
        } catch (IOException e) {
            throw new ProtocolException("cannot start the implementation process " + command + ": " + e.getMessage());
        }
    }

    private synchronized JsonNode call(String method, Map<String, Object> params) {
        if (closed) {
            throw new ProtocolException(prefix() + "the implementation process was closed");
        }
        if (connection == null) {
            restart(method);
        }
        JsonNode result;
        try {
            result = exchange(method, params);
        } catch (ProtocolException e) {
            if (connection != null) {
                // A well-formed error answer: the process is in step again.
                restartsInARow = 0;
            }
            throw e;
        }
        restartsInARow = 0;
        return result;
    }

    /** Starts the process again after a fault; it must describe itself as it did the first time. */
    private void restart(String method) {
        if (restartsInARow >= limits.maxRestarts()) {
            throw new ProtocolException(prefix() + "not asked to '" + method + "': the implementation process "
                    + command + " was restarted " + restartsInARow + " time(s) in a row and broke the protocol again"
                    + " (-D" + ProcessLimits.MAX_RESTARTS_PROPERTY + "); the last fault: " + lastFault);
        }
        restarts++;
        restartsInARow++;
        connection = start();
        JsonNode description = exchange("describe", describeParams());
        if (!name.equals(description.path("name").asText())) {
            throw broken(nextId, "describe", "after a restart it describes itself as '"
                    + description.path("name").asText() + "', not '" + name + "'");
        }
        protocolVersion = negotiated(description);
    }

    private JsonNode exchange(String method, Map<String, Object> params) {
        long id = ++nextId;
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", id);
        request.put("method", method);
        request.put("params", params);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request of plain strings is always JSON", e);
        }
        String line;
        try {
            line = connection.exchange(bytes, limits.requestTimeout().toNanos());
        } catch (Connection.Fault fault) {
            throw broken(id, method, fault.getMessage());
        }
        JsonNode response;
        try {
            response = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw broken(id, method, "it answered with a line that is not JSON ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + "): " + brief(line, 200));
        }
        if (response == null || !response.isObject()) {
            throw broken(id, method, "it answered with a line that is not a JSON object: " + brief(line, 200));
        }
        if (!response.path("id").isIntegralNumber() || response.path("id").asLong() != id) {
            throw broken(id, method, "it answered request " + brief(response.path("id").toString(), 40)
                    + " when " + id + " was asked");
        }
        if (response.has("error")) {
            // A well-formed error answer: the process is in step, so it keeps running.
            throw new ProtocolException(prefix() + brief(response.path("error").path("message").asText(), 2000));
        }
        if (!response.has("result")) {
            throw broken(id, method, "its answer has neither result nor error");
        }
        return response.get("result");
    }

    /**
     * A protocol fault: the process is killed, so that the next call starts afresh, and the message
     * names the cause, the request and the stderr tail.
     */
    private ProtocolException broken(long id, String method, String what) {
        String state = connection.exitState();
        String tail = connection.stderrTail(QUOTED_STDERR);
        connection.kill();
        connection = null;
        lastFault = what;
        // While starting there is no next request: the process is not used at all.
        String next = name == null || restartsInARow >= limits.maxRestarts() ? "" : "; it is restarted for the next request";
        return new ProtocolException("the implementation process " + command + state + " broke the protocol on request "
                + id + " ('" + method + "'): " + what + next + (tail.isEmpty() ? "; its stderr is empty" : "; its stderr ends: " + tail));
    }

    private String prefix() {
        return name == null ? "" : name + ": ";
    }

    private static String brief(String text, int characters) {
        String line = text.replace('\n', ' ').replace('\r', ' ');
        return line.length() <= characters ? line : line.substring(0, characters) + "... (" + line.length() + " characters)";
    }

    /**
     * Closes the process's input, which ends the protocol, and kills the process and everything it
     * started if they are still running after the grace period.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (connection != null) {
            if (!connection.closeInput(limits.exitGrace().toMillis())) {
                connection.kill();
            }
            // Children that the process left running, even when it exited itself.
            connection.kill();
            connection = null;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down; the hook runs anyway.
        }
    }

    private void killQuietly() {
        Connection current = connection;
        if (current != null) {
            current.kill();
        }
    }
}
