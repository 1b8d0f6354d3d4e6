package io.flowmesh.examples.echo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A tiny workflow runtime that runs one task type, {@code echo}: it publishes its data items as one
 * text. It knows nothing of the conformance kit; the kit reaches it through the SPI adapter in the
 * test sources ({@code EchoConformanceAdapter}), as it would reach any existing runtime.
 *
 * <p>What it records is what it hands to the outside world (the scheduler's resource request, the
 * published text, the result's destination), in order and without timestamps, so the same template
 * always gives the same handovers.
 */
public final class EchoRuntime {

    /** A user mistake in a template, located by JSON pointer, line and column (1-based, 0 when unknown). */
    public record Problem(String pointer, int line, int column, String code, String message) {
    }

    /** One thing the runtime handed to the outside world. */
    public record Handover(String channel, String key, Object value) {
    }

    /** What a run did: ran, handing these over, or refused the template. */
    public sealed interface Outcome permits Ran, Refused {
    }

    /** The run completed. */
    public record Ran(List<Handover> handovers) implements Outcome {
    }

    /** The run was refused for this problem. */
    public record Refused(Problem problem) implements Outcome {
    }

    private static final String TASK = "task";
    private static final List<String> ENVELOPE = List.of("apiVersion", "kind", "metadata", "spec");
    private static final List<String> METADATA = List.of("name", "owner", "project", "annotations");
    private static final List<String> ECHO_SPEC = List.of("taskType", "data", "resources", "output");
    private static final Pattern CPU = Pattern.compile("(\\d+(?:\\.\\d+)?)(m?)");
    private static final Pattern MEMORY = Pattern.compile("(\\d+)(Ki|Mi|Gi|K|M|G|)");
    private static final Map<String, Long> UNITS = Map.of("", 1L, "K", 1_000L, "M", 1_000_000L, "G", 1_000_000_000L,
            "Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30);

    /** A refusal while checking; carried out as a {@link Problem}. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final String pointer;
        final String code;

        Refusal(String pointer, String code, String message) {
            super(message);
            this.pointer = pointer;
            this.code = code;
        }
    }

    /** The template text read: its tree and where each pointer starts. */
    private record Read(Map<String, Object> tree, Map<String, Mark> marks) {
    }

    /** Checks a template; an empty list means it is accepted. */
    public List<Problem> validate(String yaml) {
        Map<String, Mark> marks = new HashMap<>();
        try {
            Read read = read(yaml);
            marks = read.marks();
            check(read.tree());
            return List.of();
        } catch (Refusal refusal) {
            return List.of(problem(refusal, marks));
        }
    }

    /** Runs a template. */
    public Outcome run(String yaml) {
        Map<String, Mark> marks = new HashMap<>();
        try {
            Read read = read(yaml);
            marks = read.marks();
            Map<String, Object> document = read.tree();
            Map<String, Object> spec = check(document);
            if (spec == null) {
                throw new Refusal("/spec/taskType", "run.no-executor", "no executor for task type '"
                        + map(document.get("spec"), "/spec").get("taskType") + "' (this runtime runs: echo)");
            }
            Map<String, Object> data = optionalMap(spec.get("data"), "/spec/data");
            if (!"list".equals(data.getOrDefault("type", "list"))) {
                throw new Refusal("/spec/data/type", "run.data-type", "the echo task reads list data only");
            }
            Map<String, Object> hardware = optionalMap(optionalMap(spec.get("resources"), "/spec/resources").get("hardware"),
                    "/spec/resources/hardware");
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("milli_cores", milliCores(hardware.get("cpu")));
            request.put("memory_bytes", memoryBytes(hardware.get("memory")));
            List<String> items = new ArrayList<>();
            if (data.get("items") instanceof List<?> list) {
                list.forEach(item -> items.add(String.valueOf(item)));
            }
            Map<String, Object> destination = optionalMap(optionalMap(spec.get("output"), "/spec/output").get("destination"),
                    "/spec/output/destination");
            Map<String, Object> where = new LinkedHashMap<>();
            where.put("type", destination.getOrDefault("type", "local"));
            where.put("url", destination.get("url"));
            return new Ran(List.of(
                    new Handover("scheduler", "workflow", map(document.get("metadata"), "/metadata").get("name")),
                    new Handover("scheduler", TASK + "/request", request),
                    new Handover("echo", TASK + "/text", String.join(" ", items)),
                    new Handover("output", TASK + "/destination", where)));
        } catch (Refusal refusal) {
            return new Refused(problem(refusal, marks));
        }
    }

    /** Checks the template; returns the echo task's spec, or null for another task type. */
    private static Map<String, Object> check(Map<String, Object> document) throws Refusal {
        onlyKeys(document, "", ENVELOPE);
        for (String key : ENVELOPE) {
            if (!document.containsKey(key)) {
                throw new Refusal("", "schema.required", "missing required property '" + key + "'");
            }
        }
        // apiVersion and kind are envelope shape, not dispatch: any name is accepted.
        string(document.get("apiVersion"), "/apiVersion");
        string(document.get("kind"), "/kind");
        Map<String, Object> metadata = map(document.get("metadata"), "/metadata");
        onlyKeys(metadata, "/metadata", METADATA);
        if (!metadata.containsKey("name")) {
            throw new Refusal("/metadata", "schema.required", "missing required property 'name'");
        }
        string(metadata.get("name"), "/metadata/name");
        Map<String, Object> spec = map(document.get("spec"), "/spec");
        if (!spec.containsKey("taskType")) {
            throw new Refusal("/spec", "schema.required", "missing required property 'taskType'");
        }
        if (!string(spec.get("taskType"), "/spec/taskType").equals("echo")) {
            // Another task type's keys are its executor's to check; the run refuses what no executor runs.
            return null;
        }
        onlyKeys(spec, "/spec", ECHO_SPEC);
        onlyKeys(optionalMap(spec.get("data"), "/spec/data"), "/spec/data", List.of("type", "items"));
        Map<String, Object> resources = optionalMap(spec.get("resources"), "/spec/resources");
        onlyKeys(resources, "/spec/resources", List.of("hardware"));
        Map<String, Object> hardware = optionalMap(resources.get("hardware"), "/spec/resources/hardware");
        onlyKeys(hardware, "/spec/resources/hardware", List.of("cpu", "memory"));
        milliCores(hardware.get("cpu"));
        memoryBytes(hardware.get("memory"));
        Map<String, Object> output = optionalMap(spec.get("output"), "/spec/output");
        onlyKeys(output, "/spec/output", List.of("destination"));
        Map<String, Object> destination = optionalMap(output.get("destination"), "/spec/output/destination");
        if (!destination.isEmpty()) {
            onlyKeys(destination, "/spec/output/destination", List.of("type", "url"));
            if (!List.of("local", "http").contains(destination.get("type"))) {
                throw new Refusal("/spec/output/destination/type", "schema.enum", "expected one of local, http");
            }
        }
        return spec;
    }

    private static long milliCores(Object cpu) throws Refusal {
        if (cpu == null) {
            return 0;
        }
        Matcher m = CPU.matcher(String.valueOf(cpu));
        if (cpu instanceof Boolean || !m.matches()) {
            throw new Refusal("/spec/resources/hardware/cpu", "schema.quantity", "expected cores such as 1, 0.5 or 500m");
        }
        double number = Double.parseDouble(m.group(1));
        return m.group(2).isEmpty() ? Math.round(number * 1000) : (long) number;
    }

    private static long memoryBytes(Object memory) throws Refusal {
        if (memory == null) {
            return 0;
        }
        Matcher m = MEMORY.matcher(String.valueOf(memory));
        if (memory instanceof Boolean || !m.matches()) {
            throw new Refusal("/spec/resources/hardware/memory", "schema.quantity", "expected bytes such as 256Mi or 1Gi");
        }
        return Long.parseLong(m.group(1)) * UNITS.get(m.group(2));
    }

    private static void onlyKeys(Map<String, Object> node, String pointer, List<String> allowed) throws Refusal {
        for (String key : node.keySet()) {
            if (!allowed.contains(key)) {
                throw new Refusal(pointer + "/" + key, "schema.unknown-key", "unknown key '" + key + "' (allowed: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String pointer) throws Refusal {
        if (node instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new Refusal(pointer, "schema.type", "expected a mapping");
    }

    private static Map<String, Object> optionalMap(Object node, String pointer) throws Refusal {
        return node == null ? Map.of() : map(node, pointer);
    }

    private static String string(Object node, String pointer) throws Refusal {
        if (node instanceof String text && !text.isEmpty()) {
            return text;
        }
        throw new Refusal(pointer, "schema.type", "expected a non-empty string");
    }

    private static Problem problem(Refusal refusal, Map<String, Mark> marks) {
        Mark mark = marks.get(refusal.pointer);
        return new Problem(refusal.pointer, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1,
                refusal.code, refusal.getMessage());
    }

    private static Read read(String yaml) throws Refusal {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(1 << 20);
        Yaml parser = new Yaml(new SafeConstructor(options));
        Object tree;
        Node root;
        try {
            tree = parser.load(yaml);
            root = parser.compose(new java.io.StringReader(yaml));
        } catch (MarkedYAMLException e) {
            throw new Refusal("", "yaml.syntax", e.getProblem() + " at line " + (e.getProblemMark() == null ? 0
                    : e.getProblemMark().getLine() + 1));
        } catch (RuntimeException e) {
            throw new Refusal("", "yaml.syntax", "not valid YAML: " + e.getMessage());
        }
        Map<String, Object> document = map(tree, "");
        Map<String, Mark> marks = new HashMap<>();
        locate(root, "", marks);
        return new Read(document, marks);
    }

    /** Where each field starts (a mapping's value at its key), so problems carry a line and a column. */
    private static void locate(Node node, String pointer, Map<String, Mark> marks) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    String child = pointer + "/" + key.getValue().replace("~", "~0").replace("/", "~1");
                    marks.put(child, key.getStartMark());
                    locate(tuple.getValueNode(), child, marks);
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                marks.put(pointer + "/" + i, item.getStartMark());
                locate(item, pointer + "/" + i, marks);
            }
        }
    }
}
