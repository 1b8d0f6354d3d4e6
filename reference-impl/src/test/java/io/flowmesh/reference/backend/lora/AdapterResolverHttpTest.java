package io.flowmesh.reference.backend.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

class AdapterResolverHttpTest {

    private static final String TOKEN = "Bearer s3cret-token";
    private static final AdapterWriter ADAPTER = AdapterWriter.tiny("meta-llama/Llama-3.2-1B-Instruct", 8);

    @TempDir
    Path work;

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        byte[] archive = ADAPTER.inFolder("sql-lora").tarGzBytes();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/adapters/sql-lora.tar.gz", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            respond(exchange, TOKEN.equals(authorization) ? 200 : 401, TOKEN.equals(authorization) ? archive : new byte[0]);
        });
        server.createContext("/download", exchange -> respond(exchange, 200, archive));
        server.createContext("/slow.zip", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, new byte[0]);
        });
        server.createContext("/", exchange -> respond(exchange, 404, new byte[0]));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void throughAUrlServerEveryHostIsAskedOfTheServerWithItsHeaders() throws Exception {
        // The server answers https://adapters.example/adapters/... at <server>/adapters.example/adapters/...
        server.createContext("/urls/adapters.example/adapters/sql-lora.tar.gz", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            respond(exchange, 200, ADAPTER.inFolder("sql-lora").tarGzBytes());
        });

        ResolvedAdapter adapter = resolver(Duration.ofSeconds(10)).fetchingThrough(base + "/urls").resolve(Map.of(
                "type", "lora", "url", "https://adapters.example/adapters/sql-lora.tar.gz",
                "headers", Map.of("Authorization", TOKEN)), "/a/0");

        assertThat(authorizations).as("Authorization headers the URL server received").containsExactly(TOKEN);
        assertThat(adapter.adapterConfig()).as("config").containsEntry("r", 8);
    }

    @Test
    void throughAUrlServerAFailureStillNamesTheUrlAsWritten() {
        assertThatThrownBy(() -> resolver(Duration.ofSeconds(10)).fetchingThrough(base + "/urls").resolve(Map.of(
                "type", "lora", "url", "https://adapters.example/missing.zip"), "/a/0"))
                .isInstanceOf(AdapterResolutionException.class)
                .hasMessageContaining("https://adapters.example/missing.zip")
                .hasMessageContaining("HTTP 404")
                .hasMessageNotContaining("127.0.0.1");
    }

    @Test
    void downloadsWithTheEntrysHeadersAndUnpacks() throws Exception {
        ResolvedAdapter adapter = resolver(Duration.ofSeconds(10)).resolve(Map.of("type", "lora",
                "url", base + "/adapters/sql-lora.tar.gz", "headers", Map.of("Authorization", TOKEN)), "/a/0");

        assertThat(authorizations).as("Authorization headers the server received").containsExactly(TOKEN);
        assertThat(adapter.sourceKind()).as("kind").isEqualTo(SourceKind.URL);
        assertThat(adapter.name()).as("name from the URL").isEqualTo("sql-lora");
        assertThat(adapter.dir().getFileName().toString()).as("adapter folder").isEqualTo("sql-lora");
        assertThat(adapter.adapterConfig()).as("config").containsEntry("r", 8);
        assertThat(adapter.dir().resolve(AdapterWriter.WEIGHTS)).as("weights").isRegularFile();
    }

    @Test
    void archiveFormatDecidesWhenTheUrlHasNoExtension() throws Exception {
        ResolvedAdapter adapter = resolver(Duration.ofSeconds(10)).resolve(Map.of("name", "dl",
                "url", base + "/download?signature=abc123", "archive_format", "gztar"), "/a/0");

        assertThat(adapter.adapterConfig()).as("config").containsEntry("r", 8);
    }

    @Test
    void aRefusedOrMissingDownloadIsAClearErrorThatHidesSecrets() {
        AdapterResolver resolver = resolver(Duration.ofSeconds(10));

        assertThatThrownBy(() -> resolver.resolve(Map.of("name", "sql", "url", base + "/adapters/sql-lora.tar.gz",
                "headers", Map.of("Authorization", "Bearer wrong")), "/a/0"))
                .isInstanceOf(AdapterResolutionException.class)
                .hasMessage("adapter 'sql' (url: " + base + "/adapters/sql-lora.tar.gz): download failed with HTTP 401")
                .satisfies(e -> assertThat(e.getMessage()).as("message").doesNotContain("wrong"));
        assertThatThrownBy(() -> resolver.resolve(Map.of("url", base + "/missing.tar.gz?token=hunter2"), "/a/1"))
                .isInstanceOf(AdapterResolutionException.class)
                .hasMessage("adapter (url: " + base + "/missing.tar.gz): download failed with HTTP 404");
        assertThat(work.resolve("cache")).as("no partial downloads stay").isEmptyDirectory();
    }

    @Test
    void aHeaderTheConnectionSetsItselfIsRefusedNamingIt() {
        assertThatThrownBy(() -> resolver(Duration.ofSeconds(10)).resolve(Map.of("url", base + "/adapters/sql-lora.tar.gz",
                "headers", Map.of("Host", "elsewhere")), "/a/0"))
                .isInstanceOf(AdapterResolutionException.class)
                .hasMessage("adapter (url: " + base + "/adapters/sql-lora.tar.gz): header Host is set by the connection itself");
        assertThat(work.resolve("cache")).as("no partial downloads stay").isEmptyDirectory();
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        assertThatThrownBy(() -> resolver(Duration.ofMillis(300)).resolve(Map.of("url", base + "/slow.zip"), "/a/0"))
                .isInstanceOf(AdapterResolutionException.class)
                .hasMessage("adapter (url: " + base + "/slow.zip): download timed out after 0.3 s");
    }

    private AdapterResolver resolver(Duration timeout) {
        return new AdapterResolver(work.resolve("cache"), work, Map.of(), ArchiveLimits.defaults(), timeout);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
