package io.flowmesh.reference.backend.vllm;

import java.util.List;

/**
 * The result for one prompt, as vLLM's {@code RequestOutput}.
 *
 * @param prompt the prompt text
 * @param promptTokenIds the prompt's token ids under the engine's tokenizer
 * @param outputs the prompt's {@code n} completions, by index
 */
public record RequestOutput(String prompt, List<Integer> promptTokenIds, List<CompletionOutput> outputs) {

    public RequestOutput {
        promptTokenIds = List.copyOf(promptTokenIds);
        outputs = List.copyOf(outputs);
    }
}
