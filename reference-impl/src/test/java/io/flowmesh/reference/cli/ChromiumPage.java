package io.flowmesh.reference.cli;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One page of a headless Chromium, driven over the Chrome DevTools Protocol: a WebSocket to
 * 127.0.0.1 (the JDK's client, Jackson for the JSON), nothing else.
 *
 * <p>Every wait is bounded by {@link #WAIT}; {@link #close()} kills the browser and every process it
 * started. The browser resolves no host name, so a page that tried the network would fail to load
 * rather than reach it.
 */
final class ChromiumPage implements AutoCloseable {

    /** The longest wait for the browser to start, a page to load or one protocol call to answer. */
    static final Duration WAIT = Duration.ofSeconds(30);

    /** Where {@link #findBrowser()} looks, as a skip reason names it. */
    static final String WHERE_LOOKED = "no browser: neither $CHROMIUM nor `chromium` on PATH names an executable"
            + " (Debian: apt-get install chromium; .ci/run installs it)";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private volatile WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> awaitedEvents = new ConcurrentHashMap<>();

    private ChromiumPage(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * The browser named by {@code $CHROMIUM} (whether or not it runs: a wrong name should fail, not skip), else
     * {@code chromium} on PATH; empty where there is none.
     */
    static Optional<Path> findBrowser() {
        String named = System.getenv("CHROMIUM");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named));
        }
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, "chromium"))) {
                return Optional.of(Path.of(folder, "chromium"));
            }
        }
        return Optional.empty();
    }

    /**
     * Starts {@code browser} headless with a fresh profile under {@code dir} and connects to its blank page,
     * {@code width} × {@code height} CSS pixels at scale 1.
     */
    static ChromiumPage open(Path browser, Path dir, int width, int height) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(dir.resolve("profile"));
        Path temp = Files.createDirectories(dir.resolve("tmp"));
        Path log = dir.resolve("chromium.log");
        ProcessBuilder command = new ProcessBuilder(browser.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile,
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
                "--disable-dev-shm-usage", "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars",
                // Back always reloads the page (restoring its form state), rather than thawing it from the cache.
                "--disable-back-forward-cache", "--mute-audio", "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // A killed browser cannot clean up: keep what it writes outside its profile (sockets, caches) under dir too.
        command.environment().put("TMPDIR", temp.toString());
        command.environment().put("XDG_CONFIG_HOME", temp.toString());
        command.environment().put("XDG_CACHE_HOME", temp.toString());
        Process process = command.start();
        try {
            URI page = pageSocket(process, log, profile.resolve("DevToolsActivePort"));
            ChromiumPage connected = new ChromiumPage(process, log);
            connected.socket = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(WAIT).build()
                    .newWebSocketBuilder().connectTimeout(WAIT).buildAsync(page, connected.new Listener())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            connected.call("Page.enable", JSON.createObjectNode());
            connected.call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width)
                    .put("height", height).put("deviceScaleFactor", 1).put("mobile", false));
            return connected;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            kill(process);
            throw new IOException("cannot drive " + browser + ": " + e + "; its log: " + tail(log), e);
        } catch (IOException | InterruptedException e) {
            kill(process);
            throw e;
        }
    }

    /** Loads {@code url} and waits for its load event. */
    void navigate(URI url) {
        CompletableFuture<JsonNode> loaded = awaitEvent("Page.loadEventFired");
        JsonNode result = call("Page.navigate", JSON.createObjectNode().put("url", url.toString()));
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("cannot load " + url + ": " + result.get("errorText").asText());
        }
        await(loaded, "the load event of " + url);
    }

    /** Goes one step back in the page's history, as the browser's back button does, and waits for the load event. */
    void back() {
        JsonNode history = call("Page.getNavigationHistory", JSON.createObjectNode());
        JsonNode previous = history.get("entries").get(history.get("currentIndex").asInt() - 1);
        CompletableFuture<JsonNode> loaded = awaitEvent("Page.loadEventFired");
        call("Page.navigateToHistoryEntry", JSON.createObjectNode().put("entryId", previous.get("id").asInt()));
        await(loaded, "the load event of " + previous.get("url").asText());
    }

    /** The value of a JavaScript expression evaluated in the page (promises awaited), as JSON. */
    JsonNode evaluate(String expression) {
        JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            JsonNode details = result.get("exceptionDetails");
            throw new AssertionError("the page threw " + details.path("exception").path("description")
                    .asText(details.path("text").asText()) + "\nevaluating: " + expression);
        }
        return result.path("result").path("value");
    }

    /** Clicks the centre of the first element {@code selector} matches, with the mouse, after scrolling to it. */
    void click(String selector) {
        JsonNode centre = evaluate("(() => { const e = document.querySelector(" + quote(selector) + ");"
                + " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
        for (String type : List.of("mousePressed", "mouseReleased")) {
            call("Input.dispatchMouseEvent", JSON.createObjectNode().put("type", type)
                    .put("x", centre.get("x").asDouble()).put("y", centre.get("y").asDouble())
                    .put("button", "left").put("clickCount", 1));
        }
    }

    /** A PNG of the first element {@code selector} matches, clipped to its bounding box, whether in view or not. */
    byte[] screenshot(String selector) {
        JsonNode box = evaluate("(() => { const r = document.querySelector(" + quote(selector) + ")"
                + ".getBoundingClientRect(); return {x: r.left + window.scrollX, y: r.top + window.scrollY,"
                + " width: r.width, height: r.height, scale: 1}; })()");
        ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        params.set("clip", box);
        return Base64.getDecoder().decode(call("Page.captureScreenshot", params).get("data").asText());
    }

    /** {@code text} as a JavaScript string literal. */
    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends one protocol command and waits for its result. */
    JsonNode call(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(id, answer);
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", params);
        await(socket.sendText(command.toString(), true), "sending " + method);
        JsonNode reply = await(answer, "the answer to " + method);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    private CompletableFuture<JsonNode> awaitEvent(String method) {
        CompletableFuture<JsonNode> event = new CompletableFuture<>();
        awaitedEvents.put(method, event);
        return event;
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no " + what + " within " + WAIT.toSeconds() + " s; the browser's log: "
                    + tail(log), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause() + "; the browser's log: " + tail(log), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + what, e);
        }
    }

    private void receive(String message) {
        JsonNode node;
        try {
            node = JSON.readTree(message);
        } catch (IOException e) {
            answers.values().forEach(a -> a.completeExceptionally(e));
            return;
        }
        if (node.has("id")) {
            CompletableFuture<JsonNode> answer = answers.remove(node.get("id").asInt());
            if (answer != null) {
                answer.complete(node);
            }
        } else if (node.has("method")) {
            CompletableFuture<JsonNode> event = awaitedEvents.remove(node.get("method").asText());
            if (event != null) {
                event.complete(node.path("params"));
            }
        }
    }

    private void failAll(Throwable why) {
        answers.values().forEach(a -> a.completeExceptionally(why));
        awaitedEvents.values().forEach(e -> e.completeExceptionally(why));
    }

    /** Kills the browser and every process it started, waiting (bounded) until they are gone. */
    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        kill(process);
    }

    private static void kill(Process process) {
        // Collect the children first: once the browser is gone they are no longer its descendants.
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // Sent SIGKILL and still there after WAIT: nothing more a test can do; do not hang on it.
            }
        }
    }

    /** Waits for the browser to name its DevTools port, then asks it for its page's WebSocket. */
    private static URI pageSocket(Process process, Path log, Path activePort) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> lines = List.of();
        while (lines.size() < 2) {
            if (!process.isAlive()) {
                throw new IOException("the browser exited with " + process.exitValue() + " before it listened; its log: "
                        + tail(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the browser wrote no " + activePort + " within " + WAIT.toSeconds() + " s; its log: "
                        + tail(log));
            }
            Thread.sleep(50);
            lines = Files.exists(activePort) ? Files.readAllLines(activePort) : List.of();
        }
        URI list = URI.create("http://127.0.0.1:" + Integer.parseInt(lines.get(0).trim()) + "/json/list");
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(WAIT).build();
        while (true) {
            String body = http.send(HttpRequest.newBuilder(list).timeout(WAIT).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
            for (JsonNode target : JSON.readTree(body)) {
                if (target.path("type").asText().equals("page") && target.hasNonNull("webSocketDebuggerUrl")) {
                    return URI.create(target.get("webSocketDebuggerUrl").asText());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the browser lists no page within " + WAIT.toSeconds() + " s: " + body);
            }
            Thread.sleep(50);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Assembles text frames into messages and hands each to the page. */
    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                receive(message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failAll(new IllegalStateException("the browser closed the connection: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failAll(error);
        }
    }
}
