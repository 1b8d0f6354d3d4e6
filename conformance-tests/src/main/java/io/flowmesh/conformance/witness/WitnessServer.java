package io.flowmesh.conformance.witness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apiguardian.api.API;

/**
 * The kit's witness server: one loopback HTTP server, on an ephemeral port of 127.0.0.1, that serves a
 * Hugging Face-compatible hub over a model store ({@link HubAnswers}) and a URL server over a folder
 * laid out as a URL mirror ({@link UrlAnswers}), and records every request. Each run gets its own
 * addresses ({@link #open}): {@code http://127.0.0.1:<port>/w/<token>/hub} and {@code .../urls}, so requests of
 * runs that overlap in time (an audit with several jobs) are told apart by the address they used, not by
 * when they came.
 *
 * <p>Bounded: four handler threads, at most {@value #MAX_OPEN_RUNS} runs open at once and
 * {@value #MAX_REQUESTS_PER_RUN} requests recorded per run (later ones are answered 429 and the witness
 * says it overflowed). The hub and the URL server answer {@code GET} and {@code HEAD} and read no request
 * body; the agent endpoint answers {@code POST}, reads its body up to a bound, and holds one of the four
 * threads for at most {@value AgentAnswers#MAX_STREAM_SECONDS} s a stream. Closing stops the server.
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public final class WitnessServer implements AutoCloseable {

    /** The most requests one run may make; a real model load makes a handful per model. */
    public static final int MAX_REQUESTS_PER_RUN = 4096;

    /** The most runs open at once; an audit has at most one per job. */
    public static final int MAX_OPEN_RUNS = 1024;

    private static final int THREADS = 4;
    private static final long FINISH_WAIT_MILLIS = 2000;
    private static final String PREFIX = "/w/";
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();

    private WitnessServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on an ephemeral port of 127.0.0.1. */
    public static WitnessServer start() {
        // The JDK server writes a response's headers and body apart; with Nagle's algorithm on, every small
        // answer then waits out the client's delayed ACK (about 40 ms). The server reads this once, when its
        // first instance in the JVM is made, so it is set here unless someone chose otherwise.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ExecutorService executor = Executors.newFixedThreadPool(THREADS, task -> {
                Thread thread = new Thread(task, "flowmesh-witness-server");
                thread.setDaemon(true);
                return thread;
            });
            WitnessServer witnesses = new WitnessServer(server, executor);
            server.createContext(PREFIX, witnesses::handle);
            server.setExecutor(executor);
            server.start();
            return witnesses;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the witness server on 127.0.0.1", e);
        }
    }

    /** The server's root address, e.g. {@code http://127.0.0.1:41234}. */
    public String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Opens the witness of one run: the hub it gets serves this store, at an address of its own; its URL
     * server serves nothing.
     *
     * @param modelStore a folder in the Hugging Face hub cache layout
     * @throws IllegalStateException when {@value #MAX_OPEN_RUNS} runs are open already
     */
    public Run open(Path modelStore) {
        return open(modelStore, null);
    }

    /**
     * Opens the witness of one run: the hub serves this store and the URL server this folder, at addresses
     * of the run's own.
     *
     * @param modelStore a folder in the Hugging Face hub cache layout
     * @param urlFolder a folder laid out as a URL mirror ({@code <folder>/host/path}), or null for none
     * @throws IllegalStateException when {@value #MAX_OPEN_RUNS} runs are open already
     */
    public Run open(Path modelStore, Path urlFolder) {
        return open(modelStore, urlFolder, null);
    }

    /**
     * Opens the witness of one run: the hub serves this store, the URL server this folder and the agent
     * endpoint these scripted agent runs, at addresses of the run's own.
     *
     * @param modelStore a folder in the Hugging Face hub cache layout
     * @param urlFolder a folder laid out as a URL mirror ({@code <folder>/host/path}), or null for none
     * @param agentScripts a file of scripted agent runs (the {@code agentScripts} shape), or null for none
     * @throws IllegalStateException when {@value #MAX_OPEN_RUNS} runs are open already
     */
    public Run open(Path modelStore, Path urlFolder, Path agentScripts) {
        Objects.requireNonNull(modelStore, "modelStore");
        if (runs.size() >= MAX_OPEN_RUNS) {
            throw new IllegalStateException("more than " + MAX_OPEN_RUNS + " runs are open on the witness server");
        }
        String token = "r" + tokens.incrementAndGet();
        Run run = new Run(token, new HubAnswers(modelStore), urlFolder == null ? null : new UrlAnswers(urlFolder),
                agentScripts == null ? null : AgentAnswers.over(agentScripts));
        runs.put(token, run);
        return run;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts = exchange.getRequestURI().getRawPath().substring(PREFIX.length()).split("/", -1);
            Run run = parts.length >= 2 ? runs.get(parts[0]) : null;
            if (run != null && parts[1].equals("agent") && run.agent != null) {
                if (!run.admit()) {
                    send(exchange, HubAnswers.Answer.plain(429, "more than " + MAX_REQUESTS_PER_RUN + " requests in one run"));
                    return;
                }
                run.streaming(+1);
                try {
                    AgentRequest asked = run.agent.stream(exchange, Arrays.asList(parts).subList(2, parts.length));
                    if (asked != null) {
                        run.record(asked);
                    }
                } finally {
                    run.streaming(-1);
                }
                return;
            }
            boolean urls = parts.length >= 2 && parts[1].equals("urls") && run != null && run.urls != null;
            if (run == null || !parts[1].equals("hub") && !urls) {
                send(exchange, HubAnswers.Answer.plain(404, "no such run or boundary"));
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(exchange, HubAnswers.Answer.plain(405, "only GET and HEAD are served"));
                return;
            }
            if (!run.admit()) {
                send(exchange, HubAnswers.Answer.plain(429, "more than " + MAX_REQUESTS_PER_RUN + " requests in one run"));
                return;
            }
            if (urls) {
                String rawPath = String.join("/", Arrays.asList(parts).subList(2, parts.length));
                HubAnswers.Answer answer = run.urls.answer(method, rawPath, exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders());
                answer.urlRequest().ifPresent(run::record);
                send(exchange, method.equals("HEAD") ? answer.withoutBody() : answer);
                return;
            }
            List<String> segments = new ArrayList<>();
            for (String raw : Arrays.asList(parts).subList(2, parts.length)) {
                // Path segments, not form fields: a '+' is a plus sign.
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
            HubAnswers.Answer answer = run.hub.answer(method, segments);
            answer.request().ifPresent(run::record);
            send(exchange, method.equals("HEAD") ? answer.withoutBody() : answer);
        }
    }

    private static void send(HttpExchange exchange, HubAnswers.Answer answer) throws IOException {
        try (InputStream ignored = exchange.getRequestBody()) {
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            if (answer.body() == null) {
                // A HEAD answer: the headers say the length of the body a GET would get.
                exchange.sendResponseHeaders(answer.status(), -1);
                return;
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        runs.clear();
    }

    /** One run's address and what it asked for; {@link #finish} closes it. */
    public final class Run {

        private final String token;
        private final HubAnswers hub;
        private final UrlAnswers urls;
        private final AgentAnswers agent;
        private final List<HubRequest> requests = new ArrayList<>();
        private final List<UrlRequest> urlRequests = new ArrayList<>();
        private final List<AgentRequest> agentRequests = new ArrayList<>();
        private int admitted;
        private int streams;
        private boolean overflowed;

        private Run(String token, HubAnswers hub, UrlAnswers urls, AgentAnswers agent) {
            this.token = token;
            this.hub = hub;
            this.urls = urls;
            this.agent = agent;
        }

        /** The hub's base address for this run, the value of {@code hubEndpoint} and of {@code HF_ENDPOINT}. */
        public String hubEndpoint() {
            return address() + PREFIX + token + "/hub";
        }

        /**
         * The agent endpoint's base address for this run, the value of {@code agentEndpoint}: an
         * OpenAI-compatible base URL ({@code <base>/chat/completions}).
         */
        public String agentEndpoint() {
            return address() + PREFIX + token + "/agent/v1";
        }

        /** The URL server's base address for this run, the value of {@code urlEndpoint}. */
        public String urlEndpoint() {
            return address() + PREFIX + token + "/urls";
        }

        /**
         * Stops recording and gives what the run asked for, sorted; later requests to its address get 404. A
         * stream the client has just abandoned is still being noticed (at its next heartbeat), so this waits
         * for open streams, at most 2 s.
         */
        public Witness finish() {
            runs.remove(token);
            synchronized (this) {
                long deadline = System.nanoTime() + FINISH_WAIT_MILLIS * 1_000_000;
                while (streams > 0 && System.nanoTime() < deadline) {
                    try {
                        wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                return new Witness(requests, urlRequests, agentRequests, overflowed);
            }
        }

        private synchronized void streaming(int change) {
            streams += change;
            notifyAll();
        }

        private synchronized boolean admit() {
            if (admitted >= MAX_REQUESTS_PER_RUN) {
                overflowed = true;
                return false;
            }
            admitted++;
            return true;
        }

        private synchronized void record(HubRequest request) {
            requests.add(request);
        }

        private synchronized void record(UrlRequest request) {
            urlRequests.add(request);
        }

        private synchronized void record(AgentRequest request) {
            agentRequests.add(request);
        }
    }
}
