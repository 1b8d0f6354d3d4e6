package io.flowmesh.reference.execute;

import io.flowmesh.reference.parse.TemplateProblem;

/** Inference from an earlier checkpoint: {@code checkpoint.load}, a path or a stage placeholder. */
final class Checkpoints {

    private Checkpoints() {
    }

    /** Records the checkpoint the engine loads weights from, when the task names one. */
    static void handOver(TaskContext context, String channel) throws TemplateProblem {
        if (context.spec().checkpoint() != null && context.spec().checkpoint().load() != null) {
            context.effect(channel, "checkpoint", context.resolved(context.spec().checkpoint().load(), "checkpoint/load"));
        }
    }
}
