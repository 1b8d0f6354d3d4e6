package io.flowmesh.reference.execute;

import java.util.List;
import java.util.Map;

import io.flowmesh.reference.backend.hub.ResolvedModel;
import io.flowmesh.reference.parse.TemplateProblem;

/**
 * An executor that loads a model and hands its sections to an engine (transformers, diffusers, a
 * trainer): the load is recorded on one channel with the resolved commit and the architecture read
 * from the snapshot's config, and each section on its own channel.
 */
class ModelExecutor extends HandoffExecutor {

    private final String loadChannel;

    /**
     * @param name the executor's name
     * @param loadChannel where the model load is recorded
     * @param sections for each section it reads: the channel it hands the section to
     * @param consumes the keys it reads, by section
     */
    ModelExecutor(String name, String loadChannel, Map<String, String> sections, Map<String, List<String>> consumes) {
        super(name, sections, consumes);
        this.loadChannel = loadChannel;
    }

    @Override
    public void execute(TaskContext context) throws TemplateProblem {
        ResolvedModel model = ModelLoading.load(context, loadChannel);
        context.effect(loadChannel, "architecture", model.config().get("architectures"));
        super.execute(context);
        afterHandOver(context, model);
    }

    /** What a specific executor does once the model is loaded and its sections handed over. */
    void afterHandOver(TaskContext context, ResolvedModel model) throws TemplateProblem {
    }
}
