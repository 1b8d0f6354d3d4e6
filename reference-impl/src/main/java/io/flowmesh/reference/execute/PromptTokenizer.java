package io.flowmesh.reference.execute;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The tokenizer FlowMesh sets up for training, at small scale: words become stable token ids, and a
 * batch is padded to its longest prompt on the side {@code padding_side} names, with pad id 0. That
 * side decides where the pad tokens sit in every padded row, which is the behaviour the key controls.
 */
final class PromptTokenizer {

    private static final int VOCABULARY = 32_000;

    private PromptTokenizer() {
    }

    /** The padded batch of token ids. */
    static List<List<Long>> padded(List<String> prompts, String paddingSide) {
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
        for (List<Long> ids : rows) {
            List<Long> row = new ArrayList<>();
            List<Long> pad = new ArrayList<>();
            for (int i = ids.size(); i < longest; i++) {
                pad.add(0L);
            }
            if (paddingSide.equals("left")) {
                row.addAll(pad);
                row.addAll(ids);
            } else {
                row.addAll(ids);
                row.addAll(pad);
            }
            padded.add(row);
        }
        return padded;
    }
}
