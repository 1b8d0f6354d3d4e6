package io.flowmesh.conformance.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowmesh.conformance.audit.FieldEchoImplementation;
import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocol versions are negotiated in {@code describe}: a client that names none speaks version 1 and
 * gets the YAML text only, a version 2 client also gets the template as a JSON document with the
 * location of every field, and a client that chooses a version the kit does not speak is refused.
 */
class ProtocolVersionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ProcessLimits LIMITS = ProcessLimits.defaults().withRequestTimeout(Duration.ofSeconds(30));
    private static final String ECHO = String.join("\n",
            "apiVersion: flowmesh/v1",
            "kind: EchoTask",
            "metadata:",
            "  name: hello",
            "spec:",
            "  taskType: echo",
            "  data: {type: list, items: [a, b]}",
            "");

    @TempDir
    Path dir;

    private List<String> client(String version) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ProtocolClient.class.getName(), version, log().toString());
    }

    private Path log() {
        return dir.resolve("requests.jsonl");
    }

    private List<JsonNode> requests() throws Exception {
        return Files.readAllLines(log()).stream().map(ProtocolVersionsTest::json).toList();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    @Nested
    class AVersionOneClient {

        @Test
        void isOfferedBothVersionsAndSpeaksVersionOne() throws Exception {
            try (ProcessImplementation implementation = new ProcessImplementation(client("none"), LIMITS)) {
                assertThat(implementation.protocolVersion()).isEqualTo(1);
            }
            assertThat(requests().get(0).at("/params/protocolVersions").toString()).isEqualTo("[1,2]");
        }

        @Test
        void getsTheYamlTextAndNoDocument() throws Exception {
            try (ProcessImplementation implementation = new ProcessImplementation(client("none"), LIMITS)) {
                assertThat(implementation.parse(ECHO, "echo.yaml").isValid()).isTrue();
                RunResult run = implementation.run(ECHO, RunOptions.defaults());

                assertThat(((RunResult.Completed) run).trace().effects())
                        .containsExactly(new Effect("scheduler", "workflow", "(no document)"));
            }
            JsonNode parse = requests().get(1);
            assertThat(parse.at("/params/yaml").asText()).isEqualTo(ECHO);
            assertThat(parse.at("/params/sourceName").asText()).isEqualTo("echo.yaml");
            assertThat(parse.path("params").has("document")).as("a version 1 request has no document").isFalse();
            assertThat(requests().get(2).path("params").has("document")).isFalse();
        }
    }

    @Nested
    class AVersionTwoClient {

        @Test
        void getsTheTemplateAsAJsonDocumentNextToItsText() throws Exception {
            try (ProcessImplementation implementation = new ProcessImplementation(client("2"), LIMITS)) {
                assertThat(implementation.protocolVersion()).isEqualTo(2);
                RunResult run = implementation.run(ECHO, RunOptions.defaults());

                assertThat(((RunResult.Completed) run).trace().effects())
                        .as("the client read the name from the document").containsExactly(new Effect("scheduler", "workflow", "hello"));
            }
            JsonNode request = requests().get(1);
            assertThat(request.at("/params/yaml").asText()).isEqualTo(ECHO);
            assertThat(request.at("/params/document")).isEqualTo(json("{\"apiVersion\":\"flowmesh/v1\",\"kind\":\"EchoTask\","
                    + "\"metadata\":{\"name\":\"hello\"},\"spec\":{\"taskType\":\"echo\",\"data\":{\"type\":\"list\","
                    + "\"items\":[\"a\",\"b\"]}}}"));
        }

        @Test
        void getsTheLineAndColumnOfEveryFieldAndItem() throws Exception {
            try (ProcessImplementation implementation = new ProcessImplementation(client("2"), LIMITS)) {
                implementation.parse(ECHO, "echo.yaml");
            }
            JsonNode locations = requests().get(1).at("/params/locations");
            assertThat(locations.path("/metadata/name").toString()).isEqualTo("{\"line\":4,\"column\":3}");
            assertThat(locations.path("/spec/data/items/1").toString()).isEqualTo("{\"line\":7,\"column\":33}");
        }

        @Test
        void getsNoDocumentAndTheReasonForTextTheKitCannotRead() throws Exception {
            String aliased = "metadata: &m {name: x}\nspec: *m\n";
            try (ProcessImplementation implementation = new ProcessImplementation(client("2"), LIMITS)) {
                implementation.parse(aliased, "aliased.yaml");
            }
            JsonNode params = requests().get(1).path("params");
            assertThat(params.path("document").isNull()).as("document: null").isTrue();
            assertThat(params.path("documentError").asText())
                    .isEqualTo("the template uses the YAML alias *m at line 2; the kit probes templates without aliases");
            assertThat(params.at("/yaml").asText()).isEqualTo(aliased);
        }
    }

    @Test
    void aClientThatChoosesAVersionTheKitDoesNotSpeakIsRefused() {
        List<String> command = client("3");
        assertThatThrownBy(() -> new ProcessImplementation(command, LIMITS))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("the implementation process " + command + " broke the protocol on request 1 ('describe'):"
                        + " it chose protocol version 3, but the kit speaks [1, 2] (the answer's protocolVersion);"
                        + " its stderr is empty");
    }

    @Nested
    class TheJavaServer {

        @Test
        void choosesTheHighestVersionTheKitOffers() throws Exception {
            assertThat(describe("{\"protocolVersions\":[1,2]}").at("/result/protocolVersion").asInt()).isEqualTo(2);
        }

        @Test
        void speaksVersionOneToAKitThatOffersNone() throws Exception {
            assertThat(describe("{}").at("/result/protocolVersion").asInt()).isEqualTo(1);
        }

        private JsonNode describe(String params) throws Exception {
            String request = "{\"id\":1,\"method\":\"describe\",\"params\":" + params + "}\n";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ProcessServer.serve(new FieldEchoImplementation(), new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)),
                    out);
            return json(out.toString(StandardCharsets.UTF_8).strip());
        }
    }
}
