package io.flowmesh.reference.backend.ppo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The CPU backend's tokenizer, at small scale: each whitespace-separated word is one token, its id
 * {@code 1 + CRC32(word) mod 31999}; pad id 0. Set up from tokenizer kwargs as
 * {@code AutoTokenizer.from_pretrained(..., **kwargs)} is: {@code padding_side} ({@code left} or
 * {@code right}, default {@code right} as most causal-LM tokenizers ship); any other kwarg is refused,
 * since this tokenizer implements no other.
 */
final class WordTokenizer {

    private static final int VOCABULARY = 32_000;
    private static final long PAD = 0;

    private final String paddingSide;

    private WordTokenizer(String paddingSide) {
        this.paddingSide = paddingSide;
    }

    /** @throws PpoBackendException for an unknown kwarg or a padding side other than left or right */
    static WordTokenizer setUp(Map<String, Object> kwargs) {
        for (String name : kwargs.keySet()) {
            if (!name.equals("padding_side")) {
                throw new PpoBackendException("the CPU tokenizer has no setting '" + name + "'");
            }
        }
        Object side = kwargs.getOrDefault("padding_side", "right");
        if (!"left".equals(side) && !"right".equals(side)) {
            throw new PpoBackendException("Padding side should be selected between 'right' and 'left', current value: "
                    + side);
        }
        return new WordTokenizer((String) side);
    }

    /** Tokenises the prompts and pads them to the longest, on this tokenizer's padding side. */
    TokenizedPrompts pad(List<String> prompts) {
        List<List<Long>> rows = new ArrayList<>();
        int longest = 0;
        for (String prompt : prompts) {
            List<Long> ids = new ArrayList<>();
            for (String word : prompt.trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    CRC32 crc = new CRC32();
                    crc.update(word.getBytes(StandardCharsets.UTF_8));
                    ids.add(1 + crc.getValue() % (VOCABULARY - 1));
                }
            }
            rows.add(ids);
            longest = Math.max(longest, ids.size());
        }
        List<List<Long>> padded = new ArrayList<>();
        List<List<Long>> mask = new ArrayList<>();
        for (List<Long> ids : rows) {
            int pads = longest - ids.size();
            padded.add(sided(ids, Collections.nCopies(pads, PAD)));
            mask.add(sided(Collections.nCopies(ids.size(), 1L), Collections.nCopies(pads, 0L)));
        }
        return new TokenizedPrompts(paddingSide, padded, mask);
    }

    private List<Long> sided(List<Long> tokens, List<Long> pads) {
        List<Long> row = new ArrayList<>(tokens.size() + pads.size());
        row.addAll(paddingSide.equals("left") ? pads : tokens);
        row.addAll(paddingSide.equals("left") ? tokens : pads);
        return row;
    }
}
