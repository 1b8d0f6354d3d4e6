package io.flowmesh.reference.backend.transformers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import io.flowmesh.reference.backend.vllm.SamplingParams;
import io.flowmesh.reference.backend.vllm.TokenSampler;
import io.flowmesh.reference.backend.vllm.ToyLanguageModel;
import io.flowmesh.reference.backend.vllm.ToyText;

/**
 * A causal language model and its tokenizer as {@code AutoModelForCausalLM} / {@code AutoTokenizer}
 * load them on CPU, at small scale: the toy bigram model of the snapshot's commit
 * ({@link ToyLanguageModel}), decoded by Hugging Face's {@code generate} rules for the config it is
 * given. Each step's logits go through the logits processors in Hugging Face's order:
 * {@code repetition_penalty} (a positive logit divided, a negative one multiplied, for every token of
 * the prompt and the output so far), {@code no_repeat_ngram_size} (a token that would repeat an n-gram
 * of the sequence is banned), {@code bad_words_ids} (a bad word's last token is banned where the
 * sequence ends with the rest of it), {@code min_new_tokens} (end of sequence is banned before it);
 * then greedy decoding, or with {@code do_sample} the temperature, {@code top_k}, {@code top_p} and
 * {@code min_p} warpers and one draw from a stream seeded by the prompt's position. Generation ends at
 * end of sequence, when the text holds a stop string, or after {@code max_new_tokens}. Beam search
 * ({@code num_beams}, {@code length_penalty}, {@code early_stopping}) is handed over but the CPU model
 * decodes a single beam.
 */
public final class CpuCausalLm implements CausalLm {

    /** How end of sequence renders when special tokens are not skipped. */
    public static final String EOS_TEXT = "</s>";

    private static final int FALLBACK_VOCAB = 32000;

    private final String commit;
    private final int vocabSize;
    private final ToyLanguageModel model;

    /**
     * @param commit the snapshot commit the weights and tokenizer come from
     * @param vocabSize the config's {@code vocab_size}, 0 when it states none
     */
    public CpuCausalLm(String commit, long vocabSize) {
        this.commit = commit;
        this.vocabSize = vocabSize > 0 ? (int) Math.min(vocabSize, Integer.MAX_VALUE) : FALLBACK_VOCAB;
        this.model = ToyLanguageModel.of(commit, this.vocabSize);
    }

    @Override
    public int eosTokenId() {
        return model.eos();
    }

    @Override
    public List<Integer> tokenize(String text) {
        return ToyText.tokenize(commit, text, vocabSize);
    }

    /** Generates for one prompt; the prompt's position seeds sampling. */
    @Override
    public Generation generate(String prompt, GenerationConfig config, int position, boolean skipSpecialTokens) {
        List<Integer> sequence = new ArrayList<>(tokenize(prompt));
        Set<Integer> seen = new HashSet<>(sequence);
        TokenSampler sampler = new TokenSampler(new SamplingParams(1, config.temperature(), config.topP(),
                config.topK(), config.minP() == null ? 0.0 : config.minP(), config.maxNewTokens(), 0, List.of(), null,
                0.0, 0.0, 1.0, false, List.of(), List.of(), null, true));
        SplittableRandom random = new SplittableRandom(ByteBuffer.wrap(sha256(commit + "|" + position)).getLong());
        List<Integer> generated = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int previous = sequence.isEmpty() ? model.eos() : sequence.get(sequence.size() - 1);
        while (generated.size() < config.maxNewTokens()) {
            ToyLanguageModel.Next next = model.next(previous);
            double[] logits = next.logits().clone();
            int[] tokens = next.tokens();
            Set<Integer> repeats = ngramRepeats(sequence, config.noRepeatNgramSize());
            for (int i = 0; i < tokens.length; i++) {
                if (seen.contains(tokens[i])) {
                    logits[i] = logits[i] > 0 ? logits[i] / config.repetitionPenalty() : logits[i] * config.repetitionPenalty();
                }
                if (repeats.contains(tokens[i]) || isBadWord(sequence, tokens[i], config)
                        || tokens[i] == model.eos() && config.minNewTokens() != null
                        && generated.size() < config.minNewTokens()) {
                    logits[i] = Double.NEGATIVE_INFINITY;
                }
            }
            int token = tokens[config.doSample() ? sampler.pick(logits, random) : argmax(logits)];
            generated.add(token);
            sequence.add(token);
            seen.add(token);
            if (token == model.eos()) {
                if (!skipSpecialTokens) {
                    text.append(text.length() == 0 ? "" : " ").append(EOS_TEXT);
                }
                return new Generation(text.toString(), generated, true);
            }
            text.append(text.length() == 0 ? "" : " ").append(ToyText.word(token));
            previous = token;
            if (config.stopStrings().stream().anyMatch(stop -> !stop.isEmpty() && text.indexOf(stop) >= 0)) {
                break;
            }
        }
        return new Generation(text.toString(), generated, false);
    }

    /**
     * The tokens that, appended next, would repeat an n-gram of {@code size} already in the sequence
     * ({@code NoRepeatNGramLogitsProcessor}): those that follow an earlier occurrence of the sequence's
     * last {@code size - 1} tokens. One pass a step, where asking for each candidate walked the sequence
     * once a candidate.
     */
    private static Set<Integer> ngramRepeats(List<Integer> sequence, Integer size) {
        if (size == null || size <= 0 || sequence.size() + 1 < size) {
            return Set.of();
        }
        int prefix = size - 1;
        int end = sequence.size();
        Set<Integer> repeats = new HashSet<>();
        for (int start = 0; start + size <= end; start++) {
            boolean same = true;
            for (int j = 0; j < prefix && same; j++) {
                same = sequence.get(start + j).equals(sequence.get(end - prefix + j));
            }
            if (same) {
                repeats.add(sequence.get(start + prefix));
            }
        }
        return repeats;
    }

    /** Whether the token completes a bad word ({@code NoBadWordsLogitsProcessor}). */
    private static boolean isBadWord(List<Integer> sequence, int token, GenerationConfig config) {
        for (List<Integer> word : config.badWordsIds()) {
            if (word.isEmpty() || word.get(word.size() - 1) != token || word.size() - 1 > sequence.size()) {
                continue;
            }
            if (sequence.subList(sequence.size() - (word.size() - 1), sequence.size()).equals(word.subList(0, word.size() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** The highest logit's index, the first on a tie, as {@code argmax} picks it. */
    private static int argmax(double[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
