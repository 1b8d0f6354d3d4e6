package io.flowmesh.reference.backend.transformers;

import java.util.List;

/** A loaded causal language model and its tokenizer, as the transformers executor drives them. */
public interface CausalLm {

    /** The tokenizer's end-of-sequence id, also its pad id (upstream pads with end of sequence). */
    int eosTokenId();

    /** The token ids of a text, as {@code tokenizer(text, add_special_tokens=False).input_ids}. */
    List<Integer> tokenize(String text);

    /**
     * {@code model.generate} for one prompt with this config, decoded.
     *
     * @param position the prompt's position in the batch
     * @param skipSpecialTokens whether decoding drops end of sequence
     */
    Generation generate(String prompt, GenerationConfig config, int position, boolean skipSpecialTokens);
}
