package io.flowmesh.reference.execute;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.flowmesh.reference.backend.transformers.CausalLm;
import io.flowmesh.reference.backend.transformers.GenerationConfig;
import io.flowmesh.reference.parse.TemplateProblem;

/**
 * Upstream's {@code _build_generation_config}: the {@code GenerationConfig} the transformers executor
 * builds from {@code inference}, with upstream's conversions ({@code int()}, {@code float()}) and
 * defaults.
 */
final class TransformersGeneration {

    private TransformersGeneration() {
    }

    /**
     * The generation config for this task's {@code inference} (placeholders resolved).
     *
     * @param tokenizer turns a bad word into token ids
     * @param eosTokenId the model's end-of-sequence token, its pad token too
     */
    static GenerationConfig config(SpecFields context, Map<String, Object> inference, List<String> stops,
            Function<String, List<Integer>> tokenizer, int eosTokenId) throws TemplateProblem {
        // max_new_tokens takes precedence over max_tokens, as upstream warns when both are set.
        String maxKey = inference.get("max_new_tokens") != null ? "max_new_tokens" : "max_tokens";
        int maxNewTokens = inference.get(maxKey) == null ? 512 : integer(context, inference, maxKey);
        double temperature = number(context, inference, "temperature", 0.7);
        double topP = number(context, inference, "top_p", 0.95);
        int topK = inference.get("top_k") == null ? 50 : integer(context, inference, "top_k");
        Object doSample = inference.get("do_sample");
        boolean sample = doSample == null ? temperature > 0.0 || topP < 1.0 || topK > 0
                : (Boolean) PyConversion.BOOL.apply(doSample, "");
        Integer minNewTokens = null;
        if (inference.containsKey("min_new_tokens") || inference.containsKey("min_tokens")) {
            String minKey = inference.containsKey("min_new_tokens") ? "min_new_tokens" : "min_tokens";
            minNewTokens = inference.get(minKey) == null ? 0 : integer(context, inference, minKey);
        }
        List<List<Integer>> badWords = new ArrayList<>();
        Object bad = inference.get("bad_words");
        if ((Boolean) PyConversion.BOOL.apply(bad, "")) {
            List<?> words = bad instanceof List<?> list ? list : List.of(bad);
            words.forEach(word -> badWords.add(tokenizer.apply(String.valueOf(word))));
        }
        return new GenerationConfig(maxNewTokens, temperature, topP, Math.max(topK, 0), sample,
                number(context, inference, "repetition_penalty", 1.0), eosTokenId, eosTokenId, minNewTokens,
                inference.containsKey("min_p") ? number(context, inference, "min_p", 0.0) : null,
                inference.containsKey("num_beams") ? integer(context, inference, "num_beams") : null,
                inference.get("early_stopping"),
                inference.containsKey("length_penalty") ? number(context, inference, "length_penalty", 1.0) : null,
                inference.containsKey("no_repeat_ngram_size") ? integer(context, inference, "no_repeat_ngram_size") : null,
                stops, badWords);
    }

    private static int integer(SpecFields context, Map<String, Object> inference, String key) throws TemplateProblem {
        return Math.toIntExact((Long) PyConversion.INT.apply(inference.get(key), context.pointer("inference/" + key)));
    }

    private static double number(SpecFields context, Map<String, Object> inference, String key, double fallback)
            throws TemplateProblem {
        Object value = inference.get(key);
        return value == null ? fallback : (Double) PyConversion.FLOAT.apply(value, context.pointer("inference/" + key));
    }
}
