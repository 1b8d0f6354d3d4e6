package io.flowmesh.reference.backend.transformers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keyword arguments of the Hugging Face {@code GenerationConfig} FlowMesh's transformers executor
 * builds ({@code _build_generation_config}): the six it always passes, the token ids it takes from
 * the tokenizer, and the optional ones it passes only when the template names them.
 *
 * @param maxNewTokens {@code max_new_tokens}: the most tokens generated after the prompt
 * @param temperature {@code temperature}
 * @param topP {@code top_p}
 * @param topK {@code top_k}, never negative
 * @param doSample {@code do_sample}: sampling when true, greedy decoding when false
 * @param repetitionPenalty {@code repetition_penalty}
 * @param padTokenId {@code pad_token_id}
 * @param eosTokenId {@code eos_token_id}
 * @param minNewTokens {@code min_new_tokens}, or null when not passed
 * @param minP {@code min_p}, or null when not passed
 * @param numBeams {@code num_beams}, or null when not passed
 * @param earlyStopping {@code early_stopping} as written, or null when not passed
 * @param lengthPenalty {@code length_penalty}, or null when not passed
 * @param noRepeatNgramSize {@code no_repeat_ngram_size}, or null when not passed
 * @param stopStrings {@code stop_strings}, empty when not passed
 * @param badWordsIds {@code bad_words_ids}: each bad word's token ids, empty when not passed
 */
public record GenerationConfig(int maxNewTokens, double temperature, double topP, int topK, boolean doSample,
                               double repetitionPenalty, int padTokenId, int eosTokenId, Integer minNewTokens,
                               Double minP, Integer numBeams, Object earlyStopping, Double lengthPenalty,
                               Integer noRepeatNgramSize, List<String> stopStrings, List<List<Integer>> badWordsIds) {

    public GenerationConfig {
        stopStrings = List.copyOf(stopStrings);
        badWordsIds = badWordsIds.stream().map(List::copyOf).toList();
    }

    /** The kwargs exactly as {@code GenerationConfig(**kwargs)} receives them, in upstream's order. */
    public Map<String, Object> asKwargs() {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("max_new_tokens", (long) maxNewTokens);
        kwargs.put("temperature", temperature);
        kwargs.put("top_p", topP);
        kwargs.put("top_k", (long) topK);
        kwargs.put("do_sample", doSample);
        kwargs.put("repetition_penalty", repetitionPenalty);
        kwargs.put("pad_token_id", (long) padTokenId);
        kwargs.put("eos_token_id", (long) eosTokenId);
        putIfSet(kwargs, "min_new_tokens", minNewTokens == null ? null : (long) minNewTokens);
        putIfSet(kwargs, "min_p", minP);
        putIfSet(kwargs, "num_beams", numBeams == null ? null : (long) numBeams);
        putIfSet(kwargs, "early_stopping", earlyStopping);
        putIfSet(kwargs, "length_penalty", lengthPenalty);
        putIfSet(kwargs, "no_repeat_ngram_size", noRepeatNgramSize == null ? null : (long) noRepeatNgramSize);
        if (!stopStrings.isEmpty()) {
            kwargs.put("stop_strings", stopStrings);
        }
        if (!badWordsIds.isEmpty()) {
            List<Object> ids = badWordsIds.stream().<Object>map(word -> word.stream().map(Integer::longValue).toList())
                    .toList();
            kwargs.put("bad_words_ids", ids);
        }
        return kwargs;
    }

    private static void putIfSet(Map<String, Object> kwargs, String key, Object value) {
        if (value != null) {
            kwargs.put(key, value);
        }
    }
}
