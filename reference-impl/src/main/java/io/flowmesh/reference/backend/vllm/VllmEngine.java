package io.flowmesh.reference.backend.vllm;

import java.util.List;
import java.util.Map;

/** A loaded vLLM engine: what it serves, and generation with vLLM's sampling params. */
public interface VllmEngine {

    /** The 40-hex commit of the model snapshot the engine loaded. */
    String commit();

    /** The 40-hex commit of the tokenizer snapshot the engine loaded. */
    String tokenizerCommit();

    /** What the load resolved, as an ordered, JSON-like map ready to record (no local paths). */
    Map<String, Object> facts();

    /**
     * Generates {@code params.n()} completions for every prompt, in prompt order.
     *
     * @throws EngineRequestException when the engine refuses the request
     */
    List<RequestOutput> generate(List<String> prompts, SamplingParams params) throws EngineRequestException;

    /**
     * Generates with sampling params given under their vLLM names, checked as vLLM checks them.
     *
     * @throws EngineRequestException for an unknown or invalid sampling param, or a refused request
     */
    default List<RequestOutput> generate(List<String> prompts, Map<String, Object> samplingParams)
            throws EngineRequestException {
        return generate(prompts, SamplingParams.fromMap(samplingParams));
    }
}
