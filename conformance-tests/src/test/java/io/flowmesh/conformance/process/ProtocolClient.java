package io.flowmesh.conformance.process;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A process implementation for the kit's protocol tests that answers as a client of one protocol
 * version would, and writes every request it receives to a log file, one line each.
 * Usage: {@code ProtocolClient VERSION LOG}, where VERSION is {@code none} (a client written before
 * versions existed: its describe names none), or the number its describe answer names.
 */
public final class ProtocolClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProtocolClient() {
    }

    public static void main(String[] args) throws Exception {
        String version = args[0];
        Path log = Path.of(args[1]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            JsonNode request = JSON.readTree(line);
            Map<String, Object> result = new LinkedHashMap<>();
            switch (request.path("method").asText()) {
                case "describe":
                    result.put("name", "recorder");
                    result.put("version", "1");
                    result.put("capabilities", Map.of("taskTypes", List.of("echo"), "backends", List.of("cpu")));
                    if (!version.equals("none")) {
                        result.put("protocolVersion", Integer.parseInt(version));
                    }
                    break;
                case "parse":
                    result.put("violations", List.of());
                    result.put("warnings", List.of());
                    break;
                default:
                    // The trace shows what the client could read without a YAML parser.
                    JsonNode name = request.at("/params/document/metadata/name");
                    result.put("status", "completed");
                    result.put("trace", List.of(Map.of("channel", "scheduler", "key", "workflow",
                            "value", name.isMissingNode() ? "(no document)" : name.asText())));
                    result.put("warnings", List.of());
            }
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("id", request.path("id").asLong());
            response.put("result", result);
            out.println(JSON.writeValueAsString(response));
        }
    }
}
