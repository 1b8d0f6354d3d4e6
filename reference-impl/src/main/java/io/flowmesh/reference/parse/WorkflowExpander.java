package io.flowmesh.reference.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flowmesh.conformance.spi.Diagnostic;

/**
 * Expands a template into its tasks the way upstream's {@code parse_workflow} does. A spec with a
 * non-empty {@code stages} or {@code graph.nodes} list is a workflow: each stage or node is one task
 * whose spec is the workflow's spec (without {@code stages} and {@code graph}) with the node's own
 * {@code spec} deep-merged over it, {@code taskType} and {@code output} included. Any other spec is one
 * task. Stages and graph nodes are exclusive; names must be unique; a graph must be acyclic; a task's
 * {@code condition.node} must be one of the tasks it waits for.
 *
 * <p>Expects a tree whose envelope the schema has accepted.
 */
final class WorkflowExpander {

    private final Locator locator;
    private final List<Diagnostic> violations = new ArrayList<>();

    private WorkflowExpander(Locator locator) {
        this.locator = locator;
    }

    /** The tasks of a template, or the violations that stop its expansion. */
    static Expansion expand(JsonNode root, Locator locator) {
        return new WorkflowExpander(locator).expand((ObjectNode) root.get("spec"));
    }

    /**
     * What expanding a template gave.
     *
     * @param tasks its tasks, in declaration order; empty when it has violations
     * @param multiTask whether the template is a workflow of stages or graph nodes
     * @param violations why it cannot be expanded, in the order found
     */
    record Expansion(List<ExpandedTask> tasks, boolean multiTask, List<Diagnostic> violations) {

        Expansion {
            tasks = List.copyOf(tasks);
            violations = List.copyOf(violations);
        }
    }

    private Expansion expand(ObjectNode spec) {
        JsonNode stages = nonEmptyList(spec.get("stages"));
        JsonNode graph = spec.get("graph");
        JsonNode nodes = graph != null && graph.isObject() ? nonEmptyList(graph.get("nodes")) : null;
        if (stages != null && nodes != null) {
            violations.add(locator.at("/spec/graph", "workflow.stages-and-graph",
                    "spec.stages cannot be combined with spec.graph: a workflow lists its tasks in one of them"));
            return new Expansion(List.of(), true, violations);
        }
        if (stages == null && nodes == null) {
            List<String> dependsOn = strings(spec.get("dependsOn"));
            ExpandedTask task = new ExpandedTask("task", "", "/spec", new MergedSpec(spec, "/spec", null, "/spec"), dependsOn);
            checkCondition(task);
            return result(List.of(task), false);
        }
        ObjectNode shared = spec.deepCopy();
        shared.remove("stages");
        shared.remove("graph");
        return stages != null ? stages(shared, stages) : graph(shared, nodes);
    }

    private Expansion stages(ObjectNode shared, JsonNode stages) {
        List<ExpandedTask> tasks = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < stages.size(); i++) {
            JsonNode stage = stages.get(i);
            String pointer = "/spec/stages/" + i;
            String name = name(stage, "stage-" + (i + 1));
            if (name.isEmpty()) {
                violations.add(locator.at(pointer + "/name", "workflow.empty-name", "stage " + i + " needs a non-empty name"));
                continue;
            }
            if (!names.add(name)) {
                violations.add(locator.at(namePointer(stage, pointer), "workflow.duplicate-name",
                        "two stages are named '" + name + "'"));
                continue;
            }
            List<String> dependsOn = strings(stage.get("dependsOn"));
            if (dependsOn.isEmpty() && !tasks.isEmpty()) {
                // Upstream runs stages in sequence: a stage that names no dependency waits for the one before.
                dependsOn = List.of(tasks.get(tasks.size() - 1).name());
            }
            tasks.add(new ExpandedTask(name, "stage '" + name + "'", pointer,
                    new MergedSpec(shared, "/spec", stage.get("spec"), pointer + "/spec"), dependsOn));
        }
        tasks.forEach(this::checkCondition);
        return result(tasks, true);
    }

    private Expansion graph(ObjectNode shared, JsonNode nodes) {
        Map<String, ExpandedTask> tasks = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            String pointer = "/spec/graph/nodes/" + i;
            String name = name(node, "node-" + (i + 1));
            if (name.isEmpty()) {
                violations.add(locator.at(pointer + "/name", "workflow.empty-name", "graph node " + i + " needs a non-empty name"));
                continue;
            }
            if (tasks.containsKey(name)) {
                violations.add(locator.at(namePointer(node, pointer), "workflow.duplicate-name",
                        "two graph nodes are named '" + name + "'"));
                continue;
            }
            List<String> dependsOn = strings(node.get("dependsOn"));
            if (dependsOn.contains(name)) {
                violations.add(locator.at(pointer + "/dependsOn", "workflow.self-dependency",
                        "graph node '" + name + "' cannot depend on itself"));
                continue;
            }
            tasks.put(name, new ExpandedTask(name, "graph node '" + name + "'", pointer,
                    new MergedSpec(shared, "/spec", node.get("spec"), pointer + "/spec"), dependsOn));
        }
        if (violations.isEmpty()) {
            checkAcyclic(tasks);
        }
        tasks.values().forEach(this::checkCondition);
        return result(List.copyOf(tasks.values()), true);
    }

    /** Upstream resolves nodes whose dependencies are resolved until none is left; a dependency outside the graph never blocks. */
    private void checkAcyclic(Map<String, ExpandedTask> tasks) {
        Set<String> unresolved = new LinkedHashSet<>(tasks.keySet());
        boolean progressed = true;
        while (!unresolved.isEmpty() && progressed) {
            progressed = unresolved.removeIf(name -> tasks.get(name).dependsOn().stream().noneMatch(unresolved::contains));
        }
        if (!unresolved.isEmpty()) {
            violations.add(locator.at("/spec/graph/nodes", "workflow.cycle",
                    "the graph's dependencies form a cycle through " + String.join(", ", unresolved)));
        }
    }

    private void checkCondition(ExpandedTask task) {
        JsonNode condition = task.spec().tree().get("condition");
        JsonNode node = condition == null ? null : condition.get("node");
        if (node == null || !node.isTextual()) {
            return;
        }
        String name = node.textValue().strip();
        if (!task.dependsOn().contains(name)) {
            violations.add(locator.at(task.spec().sourceOf("/condition/node"), "workflow.condition-node",
                    task.named("condition.node '" + node.textValue() + "' must be one of the tasks this one depends on "
                            + task.dependsOn())));
        }
    }

    private Expansion result(List<ExpandedTask> tasks, boolean multiTask) {
        return violations.isEmpty() ? new Expansion(tasks, multiTask, List.of())
                : new Expansion(List.of(), multiTask, violations);
    }

    /** Upstream's {@code node.name or node.id or default}: a missing or falsy value falls through. */
    private static String name(JsonNode node, String fallback) {
        for (String field : List.of("name", "id")) {
            JsonNode value = node.get(field);
            if (truthy(value)) {
                return value.asText().strip();
            }
        }
        return fallback;
    }

    private static String namePointer(JsonNode node, String pointer) {
        return pointer + (truthy(node.get("name")) ? "/name" : truthy(node.get("id")) ? "/id" : "");
    }

    private static boolean truthy(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isTextual()) {
            return !value.textValue().isEmpty();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0;
        }
        return value.size() > 0;
    }

    private static JsonNode nonEmptyList(JsonNode value) {
        return value != null && value.isArray() && !value.isEmpty() ? value : null;
    }

    /** A dependency list as upstream normalises it: each entry as text, trimmed, empty ones dropped. */
    private static List<String> strings(JsonNode list) {
        List<String> strings = new ArrayList<>();
        if (list != null && list.isArray()) {
            for (JsonNode entry : list) {
                String text = entry.isNull() ? "" : entry.asText().strip();
                if (!text.isEmpty()) {
                    strings.add(text);
                }
            }
        }
        return strings;
    }
}
