package io.flowmesh.conformance.process;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import org.apiguardian.api.API;

/**
 * Serves a Java implementation over the process protocol: one JSON request per line in, one JSON
 * response per line out, until the input ends. It speaks every version in
 * {@link ProcessImplementation#PROTOCOL_VERSIONS} and always reads the template's YAML text. A malformed request or an exception of the
 * implementation is answered with an {@code error}; the server keeps serving.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ProcessServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProcessServer() {
    }

    /** Serves requests from {@code in} until it ends, answering on {@code out}. */
    public static void serve(WorkflowImplementation implementation, InputStream in, OutputStream out) throws IOException {
        BufferedReader requests = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        BufferedWriter responses = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        for (String line = requests.readLine(); line != null; line = requests.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            responses.write(JSON.writeValueAsString(answer(implementation, line)));
            responses.newLine();
            responses.flush();
        }
    }

    private static Map<String, Object> answer(WorkflowImplementation implementation, String line) {
        Map<String, Object> response = new LinkedHashMap<>();
        JsonNode request;
        try {
            request = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            response.put("id", null);
            response.put("error", Map.of("message", "the request is not JSON: " + e.getOriginalMessage()));
            return response;
        }
        response.put("id", request.path("id").isNumber() ? request.get("id").asLong() : null);
        try {
            response.put("result", dispatch(implementation, request.path("method").asText(), request.path("params")));
        } catch (RuntimeException e) {
            response.put("error", Map.of("message", e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        return response;
    }

    /**
     * The highest version both sides speak. A Java implementation parses the YAML text itself, so it
     * serves version 2 by ignoring the document; a kit that offers no versions speaks 1.
     */
    private static int chosenVersion(JsonNode offered) {
        int chosen = 1;
        for (JsonNode version : offered) {
            if (version.isIntegralNumber() && ProcessImplementation.PROTOCOL_VERSIONS.contains(version.asInt())) {
                chosen = Math.max(chosen, version.asInt());
            }
        }
        return chosen;
    }

    private static Map<String, Object> dispatch(WorkflowImplementation implementation, String method, JsonNode params) {
        switch (method) {
            case "describe":
                Map<String, Object> description = new LinkedHashMap<>();
                description.put("name", implementation.name());
                description.put("version", implementation.version());
                description.put("capabilities", WireFormat.capabilities(implementation.capabilities()));
                description.put("protocolVersion", chosenVersion(params.path("protocolVersions")));
                return description;
            case "parse":
                return WireFormat.parseResult(implementation.parse(params.path("yaml").asText(),
                        params.path("sourceName").asText("template")));
            case "run":
                Map<String, String> settings = new TreeMap<>();
                params.path("options").properties().forEach(e -> settings.put(e.getKey(), e.getValue().asText()));
                return WireFormat.runResult(implementation.run(params.path("yaml").asText(), new RunOptions(settings)));
            default:
                throw new ProtocolException("unknown method '" + method + "' (describe, parse or run)");
        }
    }
}
