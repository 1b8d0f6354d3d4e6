package io.flowmesh.reference.backend.vllm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * vLLM's {@code SamplingParams}: the keys, defaults and range checks vLLM applies.
 *
 * @param n completions per prompt (default 1)
 * @param temperature sampling temperature; 0 means greedy (default 1.0)
 * @param topP nucleus mass in (0, 1] (default 1.0)
 * @param topK top-k cut-off; 0 or -1 disables it (default 0)
 * @param minP minimum relative probability in [0, 1] (default 0)
 * @param maxTokens the most tokens to generate (default 16)
 * @param minTokens tokens generated before end-of-sequence or stop strings may end a completion
 * @param stop strings that end a completion; the stop string is not included in the text
 * @param seed the per-request seed, or {@code null} to use the engine seed
 * @param presencePenalty in [-2, 2] (default 0)
 * @param frequencyPenalty in [-2, 2] (default 0)
 * @param repetitionPenalty positive (default 1.0)
 * @param ignoreEos whether end-of-sequence is ignored (default false)
 * @param stopTokenIds token ids that end a completion (after {@code min_tokens}), as end of sequence does
 * @param badWords words whose token sequence is never generated
 * @param logprobs how many candidates' log-probabilities to return per token, or {@code null} for none
 * @param skipSpecialTokens whether special tokens are left out of the text (default true)
 */
public record SamplingParams(int n, double temperature, double topP, int topK, double minP, int maxTokens,
                             int minTokens, List<String> stop, Long seed, double presencePenalty,
                             double frequencyPenalty, double repetitionPenalty, boolean ignoreEos,
                             List<Integer> stopTokenIds, List<String> badWords, Integer logprobs,
                             boolean skipSpecialTokens) {

    /** The sampling keys vLLM's {@code SamplingParams} accepts here; others are refused. */
    public static final Set<String> KNOWN_KEYS = Collections.unmodifiableSet(new TreeSet<>(List.of("n",
            "temperature", "top_p", "top_k", "min_p", "max_tokens", "min_tokens", "stop", "seed",
            "presence_penalty", "frequency_penalty", "repetition_penalty", "ignore_eos", "stop_token_ids", "bad_words",
            "logprobs", "skip_special_tokens")));

    public SamplingParams {
        stop = List.copyOf(stop);
        stopTokenIds = List.copyOf(stopTokenIds);
        badWords = List.copyOf(badWords);
    }

    /** vLLM's defaults. */
    public static SamplingParams defaults() {
        return new SamplingParams(1, 1.0, 1.0, 0, 0.0, 16, 0, List.of(), null, 0.0, 0.0, 1.0, false, List.of(), List.of(),
                null, true);
    }

    /**
     * Reads sampling params from their vLLM names, filling vLLM's defaults and applying its checks.
     *
     * @throws EngineRequestException for an unknown key, a wrong type or a value out of range
     */
    public static SamplingParams fromMap(Map<String, Object> values) throws EngineRequestException {
        for (String key : new TreeSet<>(values.keySet())) {
            if (!KNOWN_KEYS.contains(key)) {
                throw new EngineRequestException("unexpected sampling parameter '" + key + "'; known: "
                        + String.join(", ", KNOWN_KEYS), key);
            }
        }
        SamplingParams d = defaults();
        SamplingParams params = new SamplingParams(
                (int) integer(values, "n", d.n()), number(values, "temperature", d.temperature()),
                number(values, "top_p", d.topP()), (int) integer(values, "top_k", d.topK()),
                number(values, "min_p", d.minP()), (int) integer(values, "max_tokens", d.maxTokens()),
                (int) integer(values, "min_tokens", d.minTokens()), stop(values.get("stop"), "stop"),
                values.get("seed") == null ? null : integer(values, "seed", 0),
                number(values, "presence_penalty", d.presencePenalty()),
                number(values, "frequency_penalty", d.frequencyPenalty()),
                number(values, "repetition_penalty", d.repetitionPenalty()), flag(values, "ignore_eos", false),
                tokenIds(values.get("stop_token_ids")), stop(values.get("bad_words"), "bad_words"),
                values.get("logprobs") == null ? null : (int) integer(values, "logprobs", 0),
                flag(values, "skip_special_tokens", true));
        params.check();
        return params;
    }

    /** Whether sampling is greedy, so that seed, top_p and top_k cannot change the output. */
    public boolean greedy() {
        return temperature == 0.0 || topK == 1;
    }

    /** The params under their vLLM names, sorted, as a JSON-like map for effect records. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("frequency_penalty", frequencyPenalty);
        map.put("bad_words", badWords);
        map.put("ignore_eos", ignoreEos);
        map.put("logprobs", logprobs);
        map.put("max_tokens", maxTokens);
        map.put("min_p", minP);
        map.put("min_tokens", minTokens);
        map.put("n", n);
        map.put("presence_penalty", presencePenalty);
        map.put("repetition_penalty", repetitionPenalty);
        map.put("seed", seed);
        map.put("skip_special_tokens", skipSpecialTokens);
        map.put("stop", stop);
        map.put("stop_token_ids", stopTokenIds);
        map.put("temperature", temperature);
        map.put("top_k", topK);
        map.put("top_p", topP);
        return map;
    }

    private void check() throws EngineRequestException {
        require(n >= 1, "n", "n must be at least 1, got " + n);
        require(temperature >= 0, "temperature", "temperature must be non-negative, got " + temperature);
        require(topP > 0 && topP <= 1, "top_p", "top_p must be in (0, 1], got " + topP);
        require(topK >= -1, "top_k", "top_k must be 0 or -1 (disable), or at least 1, got " + topK);
        require(minP >= 0 && minP <= 1, "min_p", "min_p must be in [0, 1], got " + minP);
        require(maxTokens >= 1, "max_tokens", "max_tokens must be at least 1, got " + maxTokens);
        require(minTokens >= 0 && minTokens <= maxTokens, "min_tokens",
                "min_tokens must be greater than or equal to 0 and less than or equal to max_tokens=" + maxTokens
                        + ", got " + minTokens);
        require(presencePenalty >= -2 && presencePenalty <= 2, "presence_penalty", "presence_penalty must be in [-2, 2], got "
                + presencePenalty);
        require(frequencyPenalty >= -2 && frequencyPenalty <= 2, "frequency_penalty", "frequency_penalty must be in [-2, 2], got "
                + frequencyPenalty);
        require(repetitionPenalty > 0, "repetition_penalty", "repetition_penalty must be greater than zero, got " + repetitionPenalty);
        require(logprobs == null || logprobs >= 0, "logprobs", "logprobs must be non-negative, got " + logprobs);
    }

    private static void require(boolean condition, String key, String message) throws EngineRequestException {
        if (!condition) {
            throw new EngineRequestException(message, key);
        }
    }

    private static long integer(Map<String, Object> values, String key, long fallback) throws EngineRequestException {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        throw new EngineRequestException("sampling parameter '" + key + "' must be an integer, got " + value, key);
    }

    private static double number(Map<String, Object> values, String key, double fallback) throws EngineRequestException {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number && !(value instanceof Boolean)) {
            return number.doubleValue();
        }
        throw new EngineRequestException("sampling parameter '" + key + "' must be a number, got " + value, key);
    }

    private static boolean flag(Map<String, Object> values, String key, boolean fallback) throws EngineRequestException {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw new EngineRequestException("sampling parameter '" + key + "' must be a boolean, got " + value, key);
    }

    private static List<String> stop(Object value, String key) throws EngineRequestException {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            return List.of(text);
        }
        if (value instanceof List<?> list) {
            List<String> strings = new ArrayList<>();
            for (Object element : list) {
                if (!(element instanceof String text)) {
                    throw new EngineRequestException("sampling parameter '" + key + "' must be a string or a list of strings", key);
                }
                strings.add(text);
            }
            return strings;
        }
        throw new EngineRequestException("sampling parameter '" + key + "' must be a string or a list of strings, got "
                + value, key);
    }

    private static List<Integer> tokenIds(Object value) throws EngineRequestException {
        if (value == null) {
            return List.of();
        }
        List<Integer> ids = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof Integer || element instanceof Long) {
                    ids.add(((Number) element).intValue());
                    continue;
                }
                throw new EngineRequestException("sampling parameter 'stop_token_ids' must be a list of integers", "stop_token_ids");
            }
            return ids;
        }
        throw new EngineRequestException("sampling parameter 'stop_token_ids' must be a list of integers, got " + value, "stop_token_ids");
    }
}
