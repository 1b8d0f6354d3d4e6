package io.flowmesh.reference.execute;

import java.util.Map;

import io.flowmesh.reference.backend.hub.ResolvedModel;
import io.flowmesh.reference.parse.TemplateProblem;

/**
 * Inference on the transformers backend: the CPU route, or the one for models given only
 * {@code model.transformers}. {@code enforce_cpu} pins the model to the CPU whatever
 * {@code device_map} says, so the device it loads on is recorded.
 */
final class TransformersInferenceExecutor extends ModelExecutor {

    TransformersInferenceExecutor() {
        super("transformers", "transformers.load",
                ExecutorCatalog.sections("model.transformers", "transformers.load", "inference", "transformers.generate"),
                Map.of("model.transformers", ExecutorCatalog.TRANSFORMERS, "inference", VllmExecutor.INFERENCE));
    }

    @Override
    void afterHandOver(TaskContext context, ResolvedModel model) throws TemplateProblem {
        Object deviceMap = context.section("model.transformers").getOrDefault("device_map", "auto");
        context.effect("transformers.load", "device", Boolean.TRUE.equals(context.spec().enforceCpu()) ? "cpu" : deviceMap);
        Checkpoints.handOver(context, "transformers.load");
    }
}
