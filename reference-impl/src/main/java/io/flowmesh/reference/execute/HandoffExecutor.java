package io.flowmesh.reference.execute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flowmesh.reference.parse.TemplateProblem;

/**
 * An executor whose whole job is to hand its sections to an external system (an HTTP API, an SSH
 * host, a vector store): the effect is the request it would send, key by key, with stage
 * placeholders resolved and secrets left as placeholders.
 */
class HandoffExecutor implements Executor {

    private final String name;
    private final Map<String, List<String>> consumes;
    private final Map<String, String> channels;

    /**
     * @param name the executor's name
     * @param sections for each section it reads: the channel it hands the section to
     * @param consumes the keys it reads, by section
     */
    HandoffExecutor(String name, Map<String, String> sections, Map<String, List<String>> consumes) {
        this.name = name;
        this.channels = new LinkedHashMap<>(sections);
        this.consumes = Map.copyOf(consumes);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, List<String>> consumes() {
        return consumes;
    }

    @Override
    public void execute(TaskContext context) throws TemplateProblem {
        for (Map.Entry<String, String> section : channels.entrySet()) {
            context.handOver(section.getKey(), consumes.get(section.getKey()), section.getValue());
        }
    }
}
