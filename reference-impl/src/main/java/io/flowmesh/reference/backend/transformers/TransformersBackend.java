package io.flowmesh.reference.backend.transformers;

/**
 * Something that loads causal language models as {@code AutoModelForCausalLM.from_pretrained} does.
 * Only the CPU backend exists ({@link CpuTransformersBackend}): the Python bridge serves vLLM and PPO,
 * not transformers, so a {@code backend=gpu} run records the same generation.
 */
public interface TransformersBackend {

    /**
     * The model of a snapshot.
     *
     * @param commit the snapshot commit the weights and tokenizer come from
     * @param vocabSize the config's {@code vocab_size}, 0 when it states none
     */
    CausalLm load(String commit, long vocabSize);
}
