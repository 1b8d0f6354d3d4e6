package io.flowmesh.reference.backend.vllm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The toy tokenizer every CPU language model shares: a prompt splits on whitespace and each piece
 * hashes, with the tokenizer commit, to a token id; a token id renders as a pronounceable word, so
 * outputs read as text and differ visibly.
 */
public final class ToyText {

    private static final String CONSONANTS = "bdfgklmnprstvz";
    private static final String VOWELS = "aeiou";

    private ToyText() {
    }

    /** The token ids of a text under the tokenizer of this commit, in a vocabulary of this size. */
    public static List<Integer> tokenize(String tokenizerCommit, String text, int vocabSize) {
        List<Integer> ids = new ArrayList<>();
        for (String piece : text.strip().split("\\s+")) {
            if (!piece.isEmpty()) {
                long hash = ByteBuffer.wrap(sha256(tokenizerCommit + "|" + piece)).getLong();
                ids.add((int) Math.floorMod(hash, (long) vocabSize));
            }
        }
        return ids;
    }

    /** The word a token id renders as. */
    public static String word(int token) {
        StringBuilder word = new StringBuilder();
        int rest = token;
        int base = CONSONANTS.length() * VOWELS.length();
        do {
            int syllable = rest % base;
            word.append(CONSONANTS.charAt(syllable / VOWELS.length())).append(VOWELS.charAt(syllable % VOWELS.length()));
            rest /= base;
        } while (rest > 0);
        return word.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
