package io.flowmesh.conformance.process;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 * stdin and stdout. The process starts once and serves every call in order; whatever it writes to
 * stderr is kept, and its tail is quoted when the process breaks the protocol or dies.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ProcessImplementation implements WorkflowImplementation, AutoCloseable {

    /** The system property holding the command line of the implementation process. */
    public static final String PROPERTY = "conformance.process.command";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STDERR_TAIL = 600;

    private final List<String> command;
    private final Process process;
    private final Path stderr;
    private final BufferedReader responses;
    private final BufferedWriter requests;
    private final String name;
    private final String version;
    private final Capabilities capabilities;
    private long nextId;

    /**
     * Starts the process and asks it to describe itself.
     *
     * @param command the program and its arguments
     * @throws ProtocolException when the process cannot start or does not describe itself
     */
    public ProcessImplementation(List<String> command) {
        this.command = List.copyOf(command);
        try {
            this.stderr = Files.createTempFile("flowmesh-impl-", ".stderr");
            this.process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        } catch (IOException e) {
            throw new ProtocolException("cannot start the implementation process " + command + ": " + e.getMessage());
        }
        this.responses = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        JsonNode description = call("describe", Map.of());
        this.name = description.path("name").asText();
        this.version = description.path("version").asText();
        this.capabilities = WireFormat.capabilities(description.path("capabilities"));
        if (name.isEmpty()) {
            throw new ProtocolException("the implementation process " + command + " described itself without a name");
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
        return WireFormat.parseResult(call("parse", params));
    }

    @Override
    public RunResult run(String yaml, RunOptions options) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("yaml", yaml);
        params.put("options", options.settings());
        return WireFormat.runResult(call("run", params));
    }

    private synchronized JsonNode call(String method, Map<String, Object> params) {
        long id = ++nextId;
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", id);
        request.put("method", method);
        request.put("params", params);
        String line;
        try {
            requests.write(JSON.writeValueAsString(request));
            requests.newLine();
            requests.flush();
            line = responses.readLine();
        } catch (IOException e) {
            throw broken("could not talk to it (" + e.getMessage() + ")");
        }
        if (line == null) {
            throw broken("it closed its output while answering '" + method + "'");
        }
        JsonNode response;
        try {
            response = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw broken("it answered '" + method + "' with a line that is not JSON: " + brief(line));
        }
        if (response.path("id").asLong() != id) {
            throw broken("it answered request " + response.path("id") + " when " + id + " was asked");
        }
        if (response.has("error")) {
            throw new ProtocolException((name == null ? "" : name + ": ") + response.path("error").path("message").asText());
        }
        if (!response.has("result")) {
            throw broken("its answer to '" + method + "' has neither result nor error");
        }
        return response.get("result");
    }

    private ProtocolException broken(String what) {
        String tail = "";
        try {
            String text = Files.readString(stderr, StandardCharsets.UTF_8).strip();
            tail = text.isEmpty() ? "" : "; its stderr ends: " + brief(text.substring(Math.max(0, text.length() - STDERR_TAIL)));
        } catch (IOException e) {
            tail = "";
        }
        String state = process.isAlive() ? "" : " (exited with " + process.exitValue() + ")";
        return new ProtocolException("the implementation process " + command + state + " broke the protocol: " + what + tail);
    }

    private static String brief(String text) {
        return text.replace('\n', ' ');
    }

    /** Closes the process's input, which ends the protocol, and waits briefly for it to exit. */
    @Override
    public void close() {
        try {
            requests.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            stderr.toFile().delete();
        }
    }
}
