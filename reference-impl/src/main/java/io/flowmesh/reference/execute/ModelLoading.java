package io.flowmesh.reference.execute;

import io.flowmesh.reference.backend.hub.ModelResolutionException;
import io.flowmesh.reference.backend.hub.ResolvedModel;
import io.flowmesh.reference.parse.ModelSource;
import io.flowmesh.reference.parse.TemplateProblem;

/**
 * Resolves a task's {@code model.source} against the model store, as every model-loading executor
 * does, and records what was loaded: the identifier, the revision asked for and the commit it
 * resolved to. {@code model.source.type} is a reserved discriminator and is deliberately not read.
 */
final class ModelLoading {

    private ModelLoading() {
    }

    /** Resolves the task's model and records it on the channel. */
    static ResolvedModel load(TaskContext context, String channel) throws TemplateProblem {
        return load(context, channel, null);
    }

    /**
     * Resolves the task's model at {@code model.source.revision}, else at the executor's own revision
     * key ({@code model.transformers.revision}), and records it on the channel.
     */
    static ResolvedModel load(TaskContext context, String channel, String fallbackRevision) throws TemplateProblem {
        ModelSource source = context.spec().model() == null ? null : context.spec().model().source();
        if (source == null || source.identifier() == null) {
            throw new TemplateProblem(context.pointer("model"), "execute.no-model",
                    "a " + context.spec().taskType() + " task needs model.source.identifier");
        }
        boolean own = source.revision() == null || source.revision().isEmpty();
        String revision = own ? fallbackRevision : source.revision();
        ResolvedModel model;
        try {
            model = context.backends().modelStore().resolve(source.identifier(), revision);
        } catch (ModelResolutionException e) {
            String field = revision == null ? "model/source/identifier"
                    : own ? "model/transformers/revision" : "model/source/revision";
            throw new TemplateProblem(context.pointer(field), "execute.model-resolution", e.getMessage());
        }
        context.effect(channel, "model", model.identifier());
        context.effect(channel, "revision", model.requestedRevision());
        context.effect(channel, "resolved_commit", model.commit());
        if (source.trustRemoteCode() != null) {
            context.effect(channel, "trust_remote_code", source.trustRemoteCode());
        }
        return model;
    }
}
