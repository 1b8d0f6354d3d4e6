package io.flowmesh.reference.backend.vllm;

import java.util.Map;

/**
 * Something that loads vLLM engines: {@link CpuVllmBackend} loads CPU stand-ins from a model store in
 * process, the bridge backend starts real vLLM in Python. Chosen once per run by the {@code backend}
 * run option; executors see only this interface.
 */
public interface VllmBackend {

    /**
     * An engine for these kwargs (those of vLLM's {@code LLM(...)}), warm or newly loaded; a warm one
     * only for the same model, revision and commit.
     *
     * @throws EngineLoadException naming the kwarg at fault, when the kwargs cannot load an engine
     */
    VllmEngine load(Map<String, Object> engineKwargs) throws EngineLoadException;
}
