package io.flowmesh.reference.backend.vllm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The language model a CPU engine serves, at small scale: a bigram model over a toy vocabulary of
 * {@value #WORDS} token ids plus end of sequence, all derived from the model commit. After each token
 * the model proposes {@value #CANDIDATES} of the words with logits in [0, 4), and end of sequence with
 * a logit in [-1, 0). Another commit is another model; the same commit always gives the same logits.
 *
 * <p>Because a model is a function of its commit and id space alone, one instance serves every engine
 * of the JVM that loads that commit ({@link #of}), as a model's weights, loaded once, would serve every
 * request: a run, and each probe of an audit, starts engines anew, and its first tokens no longer pay
 * for the hashing that earlier runs did.
 */
public final class ToyLanguageModel {

    /** Words in the toy vocabulary. */
    public static final int WORDS = 32;

    /** Words proposed after each token. */
    public static final int CANDIDATES = 8;

    /** How many distributions one model keeps: its words and far more prompt tokens than a test sends. */
    private static final int REMEMBERED = 4096;

    /** How many models the JVM keeps: far more commits than a model store of an audit holds. */
    private static final int MODELS_KEPT = 1024;

    private static final Map<Key, ToyLanguageModel> MODELS = new ConcurrentHashMap<>();

    private record Key(String commit, int vocabSize) {
    }

    private final String commit;
    private final int[] words;
    private final int eos;
    /**
     * Distributions already derived, by previous token: each is a SHA-256 away, and a generation over a
     * 32-word vocabulary asks for the same few again and again. Shared read-only: callers clone the logits
     * they change.
     */
    private final Map<Integer, Next> derived = new ConcurrentHashMap<>();

    /**
     * The model of a commit over a tokenizer's id space.
     *
     * @param commit the model commit every logit derives from
     * @param vocabSize the tokenizer's id space the toy words are drawn from
     */
    public static ToyLanguageModel of(String commit, int vocabSize) {
        Key key = new Key(commit, vocabSize);
        ToyLanguageModel known = MODELS.get(key);
        if (known != null) {
            return known;
        }
        ToyLanguageModel model = new ToyLanguageModel(commit, vocabSize);
        if (MODELS.size() < MODELS_KEPT) {
            ToyLanguageModel first = MODELS.putIfAbsent(key, model);
            return first != null ? first : model;
        }
        return model;
    }

    private ToyLanguageModel(String commit, int vocabSize) {
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
        Next known = derived.get(previous);
        if (known != null) {
            return known;
        }
        Next next = derive(previous);
        if (derived.size() < REMEMBERED) {
            derived.putIfAbsent(previous, next);
        }
        return next;
    }

    private Next derive(int previous) {
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
     * A next-token distribution. The model hands the same one to every caller, so its arrays are read,
     * never changed (clone the logits to penalise them).
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
