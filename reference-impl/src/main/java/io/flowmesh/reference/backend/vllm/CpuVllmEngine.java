package io.flowmesh.reference.backend.vllm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A loaded CPU stand-in for a vLLM engine: real semantics at small scale.
 *
 * <p>Generation has vLLM's observable contract without a network: prompts are tokenised against the
 * tokenizer's commit; the model is a {@link ToyLanguageModel} derived from the model commit, decoded
 * token by token from the prompt's last token: its logits penalised as vLLM does
 * ({@link LogitPenalties}: repetition, frequency, presence), then sampled as vLLM does
 * ({@link TokenSampler}: greedy, or temperature, top_k, top_p, min_p from a random stream seeded by the
 * request seed and the completion's index). Completions are cut by {@code max_tokens}, the context
 * left under {@code max_model_len}, stop strings, {@code stop_token_ids} and end of sequence
 * ({@code min_tokens} and {@code ignore_eos} hold it back); a word of {@code bad_words} is never
 * generated (the toy vocabulary's words are single tokens), and {@code logprobs: n} returns each
 * step's log-probabilities of the n most likely candidates and the chosen one. So outputs are deterministic and change with the revision, the
 * tokenizer revision and every sampling param through what it does: greedy sampling
 * ({@code temperature: 0} or {@code top_k: 1}) ignores seed, top_p and top_k, as in vLLM; a request
 * without a seed uses the engine seed and the prompt's position, where vLLM would be random.
 */
public final class CpuVllmEngine implements VllmEngine {

    /** Used when a config states no vocabulary size. */
    private static final int FALLBACK_VOCAB = 32000;

    private final LoadedEngine loaded;
    private final long engineSeed;
    private final boolean generative;
    private final ToyLanguageModel model;
    private final CompletionMemo completions;

    CpuVllmEngine(LoadedEngine loaded, long engineSeed, CompletionMemo completions) {
        this.loaded = Objects.requireNonNull(loaded, "loaded");
        this.engineSeed = engineSeed;
        this.completions = Objects.requireNonNull(completions, "completions");
        this.generative = !loaded.architectures().contains("BertModel");
        this.model = ToyLanguageModel.of(loaded.commit(), vocabSize());
    }

    /** What this engine resolved at load time. */
    public LoadedEngine loaded() {
        return loaded;
    }

    @Override
    public String commit() {
        return loaded.commit();
    }

    @Override
    public String tokenizerCommit() {
        return loaded.tokenizerCommit();
    }

    @Override
    public Map<String, Object> facts() {
        return loaded.facts();
    }

    /**
     * Generates {@code params.n()} completions for every prompt, in prompt order.
     *
     * @throws EngineRequestException for an empty prompt, a prompt longer than {@code max_model_len},
     *     or an engine that serves embeddings only
     */
    @Override
    public List<RequestOutput> generate(List<String> prompts, SamplingParams params) throws EngineRequestException {
        if (!generative) {
            throw new EngineRequestException("model '" + loaded.identifier() + "' (" + loaded.architectures()
                    + ") is an embedding model; generate is not supported");
        }
        List<RequestOutput> results = new ArrayList<>(prompts.size());
        for (int position = 0; position < prompts.size(); position++) {
            String prompt = prompts.get(position);
            List<Integer> promptIds = tokenize(prompt);
            if (promptIds.isEmpty()) {
                throw new EngineRequestException("prompt " + position + " is empty: the decoder prompt cannot be empty");
            }
            if (promptIds.size() > loaded.maxModelLen()) {
                throw new EngineRequestException("The decoder prompt (length " + promptIds.size()
                        + ") is longer than the maximum model length of " + loaded.maxModelLen());
            }
            List<CompletionOutput> outputs = new ArrayList<>(params.n());
            for (int index = 0; index < params.n(); index++) {
                outputs.add(complete(promptIds, params, position, index));
            }
            results.add(new RequestOutput(prompt, promptIds, outputs));
        }
        return results;
    }

    private CompletionOutput complete(List<Integer> promptIds, SamplingParams params, int position, int index) {
        long seed = params.seed() != null ? params.seed() : engineSeed * 1_000_003L + position;
        CompletionMemo.Key key = new CompletionMemo.Key(loaded, engineSeed, promptIds, position, params, index);
        return completions.completion(key, () -> decode(promptIds, params, seed, index));
    }

    /** Decodes one completion token by token from the engine's model and what {@link CompletionMemo.Key} holds. */
    private CompletionOutput decode(List<Integer> promptIds, SamplingParams params, long seed, int index) {
        SplittableRandom random = new SplittableRandom(ByteBuffer.wrap(sha256(seed + "|" + index)).getLong());
        TokenSampler sampler = new TokenSampler(params);
        LogitPenalties penalties = LogitPenalties.of(params);
        Set<Integer> inPrompt = new HashSet<>(promptIds);
        Map<Integer, Integer> counts = new HashMap<>();
        int budget = Math.min(params.maxTokens(), loaded.maxModelLen() - promptIds.size());
        List<Integer> tokens = new ArrayList<>();
        List<Map<String, Double>> logprobs = params.logprobs() == null ? null : new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int previous = promptIds.get(promptIds.size() - 1);
        while (tokens.size() < budget) {
            ToyLanguageModel.Next next = model.next(previous);
            double[] logits = next.logits().clone();
            penalties.apply(next.tokens(), logits, inPrompt, counts);
            boolean mayEnd = tokens.size() >= params.minTokens();
            for (int i = 0; i < logits.length; i++) {
                int candidate = next.tokens()[i];
                boolean ends = candidate == model.eos() || params.stopTokenIds().contains(candidate);
                if (ends && (!mayEnd || params.ignoreEos() && candidate == model.eos())
                        || candidate != model.eos() && !params.badWords().isEmpty()
                        && params.badWords().contains(ToyText.word(candidate))) {
                    logits[i] = Double.NEGATIVE_INFINITY;
                }
            }
            int pick = sampler.pick(logits, random);
            int token = next.tokens()[pick];
            if (logprobs != null) {
                logprobs.add(logprobs(next.tokens(), logits, pick, params.logprobs()));
            }
            if (token == model.eos()) {
                return new CompletionOutput(index, text.toString(), tokens, "stop", null, logprobs);
            }
            tokens.add(token);
            if (params.stopTokenIds().contains(token)) {
                // vLLM keeps a stop token in the token ids, not in the text.
                return new CompletionOutput(index, text.toString(), tokens, "stop", null, logprobs);
            }
            counts.merge(token, 1, Integer::sum);
            previous = token;
            text.append(text.length() == 0 ? "" : " ").append(ToyText.word(token));
            if (mayEnd) {
                for (String stop : params.stop()) {
                    int at = text.indexOf(stop);
                    if (!stop.isEmpty() && at >= 0) {
                        return new CompletionOutput(index, text.substring(0, at), tokens, "stop", stop, logprobs);
                    }
                }
            }
        }
        return new CompletionOutput(index, text.toString(), tokens, "length", null, logprobs);
    }

    /**
     * The step's log-probabilities (a log-softmax of the processed logits) of the {@code n} most likely
     * candidates and of the one chosen, by rendered word, most likely first.
     */
    private Map<String, Double> logprobs(int[] candidates, double[] logits, int chosen, int n) {
        double top = Arrays.stream(logits).max().orElse(0);
        double sum = Arrays.stream(logits).filter(l -> !Double.isInfinite(l)).map(l -> Math.exp(l - top)).sum();
        int[] order = LogitRanking.of(logits);
        Map<String, Double> step = new LinkedHashMap<>();
        for (int rank = 0; rank < order.length; rank++) {
            int i = order[rank];
            if ((rank < n || i == chosen) && !Double.isInfinite(logits[i])) {
                String word = candidates[i] == model.eos() ? "</s>" : ToyText.word(candidates[i]);
                step.put(word, logits[i] - top - Math.log(sum));
            }
        }
        return step;
    }

    private List<Integer> tokenize(String prompt) {
        return ToyText.tokenize(loaded.tokenizerCommit(), prompt, vocabSize());
    }

    private int vocabSize() {
        return loaded.vocabSize() > 0 ? (int) Math.min(loaded.vocabSize(), Integer.MAX_VALUE) : FALLBACK_VOCAB;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
