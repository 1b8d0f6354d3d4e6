package io.flowmesh.reference.execute;

import java.util.Map;

import io.flowmesh.reference.backend.hub.ModelResolutionException;
import io.flowmesh.reference.backend.hub.ModelStore;
import io.flowmesh.reference.backend.vllm.EngineArgs;
import io.flowmesh.reference.backend.vllm.EngineLoadException;
import io.flowmesh.reference.backend.vllm.VllmBackend;
import io.flowmesh.reference.backend.vllm.VllmEngine;

/**
 * A vLLM backend that reads its models from a local hub cache (the GPU bridge's vLLM), put behind a
 * store that fetches through the kit's hub: the model at its revision and the tokenizer at its own are
 * resolved through the store first, which downloads them into the cache the backend reads, so the load
 * sees what the hub served and the hub witnesses what was loaded. A revision the hub does not know is
 * refused as the CPU engines refuse it, naming the kwarg.
 */
final class HubFetchedVllm implements VllmBackend {

    private final ModelStore store;
    private final VllmBackend reader;

    HubFetchedVllm(ModelStore store, VllmBackend reader) {
        this.store = store;
        this.reader = reader;
    }

    @Override
    public VllmEngine load(Map<String, Object> engineKwargs) throws EngineLoadException {
        EngineArgs args = EngineArgs.fromKwargs(engineKwargs);
        fetch(args.model(), args.revision(), "revision");
        fetch(args.tokenizer(), args.tokenizerRevision(),
                engineKwargs.containsKey("tokenizer_revision") ? "tokenizer_revision" : "revision");
        return reader.load(engineKwargs);
    }

    private void fetch(String identifier, String revision, String kwarg) throws EngineLoadException {
        try {
            store.resolve(identifier, revision);
        } catch (ModelResolutionException e) {
            // As the CPU engine factory decides it: the model's fault when the hub has no refs for it.
            throw EngineLoadException.unresolved(store.refs(identifier).isEmpty() ? "model" : kwarg, e.getMessage());
        }
    }
}
