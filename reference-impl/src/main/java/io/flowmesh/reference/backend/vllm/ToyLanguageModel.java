package io.flowmesh.reference.backend.vllm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The language model a CPU engine serves, at small scale: a bigram model over a toy vocabulary of
 * {@value #WORDS} token ids plus end of sequence, all derived from the model commit. After each token
 * the model proposes {@value #CANDIDATES} of the words with logits in [0, 4), and end of sequence with
 * a logit in [-1, 0). Another commit is another model; the same commit always gives the same logits.
 */
public final class ToyLanguageModel {

    /** Words in the toy vocabulary. */
    public static final int WORDS = 32;

    /** Words proposed after each token. */
    public static final int CANDIDATES = 8;

    private final String commit;
    private final int[] words;
    private final int eos;

    /**
     * @param commit the model commit every logit derives from
     * @param vocabSize the tokenizer's id space the toy words are drawn from
     */
    public ToyLanguageModel(String commit, int vocabSize) {
        this.commit = commit;
        this.eos = Math.floorMod(hash(commit + "|eos").getLong(), vocabSize);
        this.words = new int[WORDS];
        for (int j = 0, draw = 0; j < WORDS; draw++) {
            int id = Math.floorMod(hash(commit + "|word|" + draw).getLong(), vocabSize);
            if (id != eos && Arrays.stream(words, 0, j).noneMatch(w -> w == id)) {
                words[j++] = id;
            }
        }
    }

    /** The end-of-sequence token id. */
    public int eos() {
        return eos;
    }

    /**
     * The next-token distribution after {@code previous}: the candidate token ids (end of sequence
     * last) and their raw logits, index by index.
     */
    public Next next(int previous) {
        ByteBuffer bytes = hash(commit + "|next|" + previous);
        int[] tokens = new int[CANDIDATES + 1];
        double[] logits = new double[CANDIDATES + 1];
        boolean[] taken = new boolean[WORDS];
        for (int i = 0; i < CANDIDATES; i++) {
            int pick = Byte.toUnsignedInt(bytes.get(i)) % WORDS;
            while (taken[pick]) {
                pick = (pick + 1) % WORDS;
            }
            taken[pick] = true;
            tokens[i] = words[pick];
            logits[i] = 4.0 * Byte.toUnsignedInt(bytes.get(i + CANDIDATES)) / 256.0;
        }
        tokens[CANDIDATES] = eos;
        logits[CANDIDATES] = -1.0 + Byte.toUnsignedInt(bytes.get(31)) / 256.0;
        return new Next(tokens, logits);
    }

    /**
     * A next-token distribution.
     *
     * @param tokens candidate token ids
     * @param logits their raw logits
     */
    public record Next(int[] tokens, double[] logits) {
    }

    private static ByteBuffer hash(String text) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
