package io.flowmesh.reference.execute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flowmesh.reference.backend.hub.ResolvedModel;
import io.flowmesh.reference.parse.TemplateProblem;

/**
 * An executor that loads a model and hands its sections to an engine (transformers, diffusers, a
 * trainer): the load is recorded on one channel with the resolved commit and the architecture read
 * from the snapshot's config, and each section on its own channel.
 */
class ModelExecutor implements Executor {

    private final String name;
    private final String loadChannel;
    private final Map<String, String> channels;
    private final Map<String, List<String>> consumes;

    /**
     * @param name the executor's name
     * @param loadChannel where the model load is recorded
     * @param sections for each section it reads: the channel it hands the section to
     * @param consumes the keys it reads, by section
     */
    ModelExecutor(String name, String loadChannel, Map<String, String> sections, Map<String, List<String>> consumes) {
        this.name = name;
        this.loadChannel = loadChannel;
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
        ResolvedModel model = ModelLoading.load(context, loadChannel);
        context.effect(loadChannel, "architecture", model.config().get("architectures"));
        for (Map.Entry<String, String> section : channels.entrySet()) {
            context.handOver(section.getKey(), consumes.get(section.getKey()), section.getValue());
        }
        afterHandOver(context, model);
    }

    /** What a specific executor does once the model is loaded and its sections handed over. */
    void afterHandOver(TaskContext context, ResolvedModel model) throws TemplateProblem {
    }
}
