package io.flowmesh.reference.parse;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A task spec: the envelope's {@code spec}, a stage's or a graph node's.
 *
 * <p>Legacy fields without runtime effect ({@code sloSeconds}, {@code parallel},
 * {@code resources.replicas}) are not carried; the parser warns about them instead.
 *
 * @param taskType picks the executor; null for a multi-task envelope, whose stages carry all of its spec
 * @param enforceCpu {@code enforce_cpu}, or null when absent
 * @param model the model section, or null
 * @param resources the resources section, or null
 * @param shard the shard section, or null
 * @param sections every executor-owned open section present ({@code inference}, {@code training},
 *     {@code data}, {@code agent}, ...), by key, in template order; values are JSON-like Java data
 * @param fields the task type's own fields ({@code command} and {@code image} of ssh, {@code ttlSeconds} of
 *     serve, {@code code} of python, {@code query} of rag, and {@code dependsOn} and {@code condition}), by key,
 *     in template order; values are JSON-like Java data
 * @param configName the agent configuration name, or null
 * @param task the agent task text, or null
 * @param checkpoint the checkpoint section, or null
 * @param output the output section, or null
 * @param stages {@code stages}, in order; empty when absent
 * @param graphNodes {@code graph.nodes}, in order; empty when absent
 * @param sources where each field of this spec is written in the template: a stage's inherited
 *     fields under {@code /spec}, its own under {@code /spec/stages/<i>/spec}
 */
public record TaskSpec(String taskType, Boolean enforceCpu, Model model, Resources resources, Shard shard,
        Map<String, Map<String, Object>> sections, Map<String, Object> fields, String configName, String task,
        Checkpoint checkpoint, Output output, List<Stage> stages, List<Stage> graphNodes, FieldSources sources) {

    public TaskSpec {
        sections = Immutable.map(sections);
        fields = Immutable.map(fields);
        stages = Immutable.list(stages);
        graphNodes = Immutable.list(graphNodes);
        Objects.requireNonNull(sources, "sources");
    }

    /** A spec written in one place, under {@code /spec}. */
    public TaskSpec(String taskType, Boolean enforceCpu, Model model, Resources resources, Shard shard,
            Map<String, Map<String, Object>> sections, Map<String, Object> fields, String configName, String task,
            Checkpoint checkpoint, Output output, List<Stage> stages, List<Stage> graphNodes) {
        this(taskType, enforceCpu, model, resources, shard, sections, fields, configName, task, checkpoint, output,
                stages, graphNodes, FieldSources.at("/spec"));
    }

    /**
     * One open section.
     *
     * @param key the section's key, e.g. {@code inference}
     * @return its content, or an empty map when the section is absent
     */
    public Map<String, Object> section(String key) {
        return sections.getOrDefault(key, Map.of());
    }
}
