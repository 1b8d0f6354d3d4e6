package io.flowmesh.conformance.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowmesh.conformance.probe.Values;
import io.flowmesh.conformance.report.JsonReport;
import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.EffectTrace;
import io.flowmesh.conformance.spi.ParseResult;
import io.flowmesh.conformance.spi.RunResult;

/** How SPI values travel as JSON on the process protocol, in both directions. */
final class WireFormat {

    private WireFormat() {
    }

    static Map<String, Object> capabilities(Capabilities capabilities) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("taskTypes", capabilities.taskTypes().stream().sorted().toList());
        out.put("backends", capabilities.backends().stream().sorted().toList());
        out.put("witnessed", capabilities.witnessed().stream().sorted().toList());
        return out;
    }

    static Capabilities capabilities(JsonNode node) {
        // An implementation written before witnesses sends no "witnessed": it is judged on its trace alone.
        return new Capabilities(strings(node.path("taskTypes")), strings(node.path("backends")), false,
                strings(node.path("witnessed")));
    }

    static Map<String, Object> parseResult(ParseResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("violations", JsonReport.diagnostics(result.violations()));
        out.put("warnings", JsonReport.diagnostics(result.warnings()));
        out.put("runRefusals", JsonReport.diagnostics(result.runRefusals()));
        return out;
    }

    static ParseResult parseResult(JsonNode node) {
        return new ParseResult(diagnostics(node.path("violations")), diagnostics(node.path("warnings")),
                diagnostics(node.path("runRefusals")));
    }

    static Map<String, Object> runResult(RunResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (result instanceof RunResult.Completed completed) {
            out.put("status", "completed");
            List<Object> trace = new ArrayList<>();
            for (Effect effect : completed.trace().effects()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("channel", effect.channel());
                e.put("key", effect.key());
                e.put("value", effect.value());
                trace.add(e);
            }
            out.put("trace", trace);
        } else {
            out.put("status", "rejected");
            out.put("violations", JsonReport.diagnostics(((RunResult.Rejected) result).violations()));
        }
        out.put("warnings", JsonReport.diagnostics(result.warnings()));
        return out;
    }

    static RunResult runResult(JsonNode node) {
        List<Diagnostic> warnings = diagnostics(node.path("warnings"));
        String status = node.path("status").asText();
        if (status.equals("completed")) {
            List<Effect> effects = new ArrayList<>();
            for (JsonNode e : node.path("trace")) {
                effects.add(new Effect(e.path("channel").asText(), e.path("key").asText(), Values.toJava(e.get("value"))));
            }
            return new RunResult.Completed(new EffectTrace(effects), warnings);
        }
        if (status.equals("rejected")) {
            return new RunResult.Rejected(diagnostics(node.path("violations")), warnings);
        }
        throw new ProtocolException("a run result needs status 'completed' or 'rejected', got '" + status + "'");
    }

    private static List<Diagnostic> diagnostics(JsonNode node) {
        List<Diagnostic> out = new ArrayList<>();
        for (JsonNode d : node) {
            out.add(new Diagnostic(d.path("source").asText(), d.path("pointer").asText(), d.path("line").asInt(),
                    d.path("column").asInt(), d.path("code").asText(), d.path("message").asText()));
        }
        return out;
    }

    private static java.util.Set<String> strings(JsonNode array) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
