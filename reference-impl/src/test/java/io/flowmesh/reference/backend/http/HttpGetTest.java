package io.flowmesh.reference.backend.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A GET against a server on 127.0.0.1: status, headers and body of every answer, redirects, timeouts. */
class HttpGetTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private HttpServer server;
    private String base;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/echo", exchange -> respond(exchange, 200,
                "token=" + exchange.getRequestHeaders().getFirst("Authorization")
                        + " accept=" + exchange.getRequestHeaders().get("Accept")
                        + " pragma=" + exchange.getRequestHeaders().get("Pragma")));
        server.createContext("/missing", exchange -> {
            exchange.getResponseHeaders().add("X-Error-Code", "RepoNotFound");
            respond(exchange, 404, "no such repository");
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", base + "/echo");
            respond(exchange, 302, "");
        });
        server.createContext("/stall", exchange -> {
            try {
                release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "late");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void anAnswerGivesItsStatusAndBodyAndTheRequestItsHeaders() throws IOException {
        try (HttpGet.Answer answer = HttpGet.send(URI.create(base + "/echo"), Map.of("Authorization", "Bearer t"),
                PATIENCE, PATIENCE)) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(new String(answer.body().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("token=Bearer t accept=[*/*] pragma=null");
        }
    }

    @Test
    void aRequestMayNameItsOwnAccept() throws IOException {
        try (HttpGet.Answer answer = HttpGet.send(URI.create(base + "/echo"), Map.of("Accept", "application/json"),
                PATIENCE, PATIENCE)) {
            assertThat(new String(answer.body().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("accept=[application/json]");
        }
    }

    @Test
    void anErrorAnswerStillGivesItsHeadersAndBody() throws IOException {
        try (HttpGet.Answer answer = HttpGet.send(URI.create(base + "/missing"), Map.of(), PATIENCE, PATIENCE)) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.header("x-error-code")).as("a header, its name in another case").contains("RepoNotFound");
            assertThat(new String(answer.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("no such repository");
        }
    }

    @Test
    void aRedirectWithinTheSchemeIsFollowed() throws IOException {
        try (HttpGet.Answer answer = HttpGet.send(URI.create(base + "/moved"), Map.of("Authorization", "x"),
                PATIENCE, PATIENCE)) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(new String(answer.body().readAllBytes(), StandardCharsets.UTF_8)).startsWith("token=");
        }
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsASocketTimeout() {
        assertThatThrownBy(() -> HttpGet.send(URI.create(base + "/stall"), Map.of(), PATIENCE, Duration.ofMillis(200)))
                .isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void aHeaderTheConnectionSetsItselfIsRefusedByName() {
        assertThatThrownBy(() -> HttpGet.send(URI.create(base + "/echo"), Map.of("Host", "elsewhere", "X-Ok", "1",
                "Content-Length", "3"), PATIENCE, PATIENCE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("headers Content-Length, Host are set by the connection itself");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
