package io.flowmesh.reference.backend.vllm;

import java.util.Map;
import java.util.Objects;

import io.flowmesh.reference.backend.hub.ModelStore;

/**
 * The CPU vLLM backend: {@link CpuVllmEngine}s loaded from a model store by a
 * {@link CpuVllmEngineFactory}, kept warm in an {@link EngineCache} whose key holds the model, the
 * revision and the commits they resolve to.
 */
public final class CpuVllmBackend implements VllmBackend {

    private final EngineCache engines;

    /**
     * @param store where models resolve
     * @param warmEngines how many engines stay warm at most
     * @param completions where the engines remember their completions, shared across runs
     */
    public CpuVllmBackend(ModelStore store, int warmEngines, CompletionMemo completions) {
        this.engines = new EngineCache(new CpuVllmEngineFactory(Objects.requireNonNull(store, "store"), completions),
                warmEngines);
    }

    @Override
    public VllmEngine load(Map<String, Object> engineKwargs) throws EngineLoadException {
        return engines.acquire(engineKwargs).engine();
    }
}
