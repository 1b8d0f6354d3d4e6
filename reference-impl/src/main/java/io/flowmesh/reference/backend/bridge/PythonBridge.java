package io.flowmesh.reference.backend.bridge;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A client of {@code python3 -m flowmesh_bridge}: one JSON request per line on the process's stdin,
 * one JSON reply per line on its stdout, matched by id. Requests are sequential (the client is not
 * thread-safe). The process's stderr is drained continuously and its last lines are quoted when the
 * process fails, so a missing module reads as one clear message.
 */
public final class PythonBridge implements AutoCloseable {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final int STDERR_LINES_KEPT = 40;
    private static final String END_OF_STREAM = "\u0000eof";

    private final ObjectMapper json = new ObjectMapper();
    private final BridgeLaunch launch;
    private final Process process;
    private final BufferedWriter requests;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Thread stderrReader;
    private final Map<String, Object> hello;
    private long nextId = 1;
    private boolean closed;

    private PythonBridge(BridgeLaunch launch, Process process) {
        this.launch = launch;
        this.process = process;
        this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.stderrReader = drain(process, replies, stderrTail);
        this.hello = call("bridge.hello", Map.of("probe_cuda", false));
    }

    /**
     * Starts the bridge process and checks it answers.
     *
     * @param launch the executable, sources and timeouts
     * @return a bridge that answered {@code bridge.hello}
     * @throws BridgeException of kind {@value BridgeException#PYTHON_MISSING} when the executable cannot be
     *     started, {@value BridgeException#MODULE_MISSING} when Python cannot import the bridge package
     */
    public static PythonBridge start(BridgeLaunch launch) {
        ProcessBuilder builder = new ProcessBuilder(launch.python(), "-u", "-m", "flowmesh_bridge");
        Map<String, String> env = builder.environment();
        env.putAll(BridgeEnvironment.variables(launch, Map.copyOf(env)));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new BridgeException(BridgeException.PYTHON_MISSING,
                    "cannot start Python '" + launch.python() + "': " + e.getMessage(), e);
        }
        try {
            return new PythonBridge(launch, process);
        } catch (BridgeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Starts the bridge with {@link BridgeLaunch#defaults()}. */
    public static PythonBridge start() {
        return start(BridgeLaunch.defaults());
    }

    /** The {@code bridge.hello} reply: protocol, Python version, importable engine modules. */
    public Map<String, Object> hello() {
        return hello;
    }

    /** Whether the Python side can import {@code module} (torch, transformers, trl, vllm). */
    @SuppressWarnings("unchecked")
    public boolean hasModule(String module) {
        Object modules = hello.get("modules");
        return modules instanceof Map<?, ?> map && Boolean.TRUE.equals(((Map<String, Object>) map).get(module));
    }

    /**
     * Sends one request and waits for its reply.
     *
     * @param method e.g. {@code ppo.update}
     * @param params the request's parameters (JSON-like values)
     * @return the reply's {@code result}
     * @throws BridgeException with the Python side's error type as kind when it answered an error, or a
     *     transport kind when the process failed
     */
    public Map<String, Object> call(String method, Map<String, Object> params) {
        if (closed) {
            throw new BridgeException(BridgeException.PROCESS_DIED, "the bridge is closed");
        }
        long id = nextId++;
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", id);
        request.put("method", method);
        request.put("params", params);
        try {
            requests.write(json.writeValueAsString(request));
            requests.write('\n');
            requests.flush();
        } catch (IOException e) {
            throw died("could not send " + method, e);
        }
        String line;
        try {
            line = replies.poll(launch.replyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BridgeException(BridgeException.PROCESS_DIED, "interrupted waiting for " + method, e);
        }
        if (line == null) {
            // A stalled engine: end the process so nothing waits on it, not even close().
            closed = true;
            process.destroyForcibly();
            throw new BridgeException(BridgeException.PROCESS_DIED, "no reply to " + method + " within "
                    + launch.replyTimeout().toSeconds() + " s; the bridge process was ended");
        }
        if (line.equals(END_OF_STREAM)) {
            throw died("the bridge process ended before answering " + method, null);
        }
        return result(method, id, line);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> result(String method, long id, String line) {
        Map<String, Object> reply;
        try {
            reply = json.readValue(line, MAP);
        } catch (JsonProcessingException e) {
            throw new BridgeException(BridgeException.INVALID_REPLY, "reply to " + method + " is not JSON: " + line, e);
        }
        if (!(reply.get("id") instanceof Number replyId) || replyId.longValue() != id) {
            throw new BridgeException(BridgeException.INVALID_REPLY, "reply to request " + id + " (" + method
                    + ") carries id " + reply.get("id"));
        }
        if (reply.get("error") instanceof Map<?, ?> error) {
            Object type = error.get("type");
            Object field = error.get("field");
            throw new BridgeException(type == null ? "engine_error" : type.toString(),
                    field instanceof String name ? name : null, method + ": " + error.get("message"));
        }
        if (reply.get("result") instanceof Map<?, ?> result) {
            return (Map<String, Object>) result;
        }
        throw new BridgeException(BridgeException.INVALID_REPLY, "reply to " + method + " has no result: " + line);
    }

    private BridgeException died(String what, Exception cause) {
        Optional<Integer> exit = Optional.empty();
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                exit = Optional.of(process.exitValue());
                stderrReader.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> tail;
        synchronized (stderrTail) {
            tail = List.copyOf(stderrTail);
        }
        String stderr = String.join(" | ", tail);
        boolean moduleMissing = stderr.contains("No module named");
        String message = what + exit.map(code -> " (exit " + code + ")").orElse("")
                + (stderr.isEmpty() ? "" : "; stderr: " + stderr);
        if (moduleMissing) {
            message = "Python '" + launch.python() + "' cannot import a module it needs (PYTHONPATH "
                    + launch.pythonPath() + "): " + message;
        }
        return new BridgeException(moduleMissing ? BridgeException.MODULE_MISSING : BridgeException.PROCESS_DIED,
                message, cause);
    }

    private static Thread drain(Process process, BlockingQueue<String> replies, Deque<String> stderrTail) {
        Thread out = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    replies.add(line);
                }
            } catch (IOException e) {
                // The process went away; the end-of-stream marker below tells the caller.
            }
            replies.add(END_OF_STREAM);
        }, "flowmesh-bridge-stdout");
        Thread err = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    synchronized (stderrTail) {
                        stderrTail.addLast(line);
                        if (stderrTail.size() > STDERR_LINES_KEPT) {
                            stderrTail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // Nothing more to keep.
            }
        }, "flowmesh-bridge-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
        return err;
    }

    /** Closes stdin so the bridge exits, waits briefly, then ends the process if it is still there. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            requests.close();
        } catch (IOException e) {
            // Already gone; nothing to flush.
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
