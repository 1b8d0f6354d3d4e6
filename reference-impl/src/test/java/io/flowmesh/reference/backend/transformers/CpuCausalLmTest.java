package io.flowmesh.reference.backend.transformers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class CpuCausalLmTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private static GenerationConfig greedy(int maxNew, Integer minNew, Integer noRepeat, List<List<Integer>> badWords) {
        return new GenerationConfig(maxNew, 0.7, 0.95, 50, false, 1.0, 0, 0, minNew, null, null, null, null, noRepeat,
                List.of(), badWords);
    }

    @Test
    void greedyDecodingIsDeterministicAndBoundedByMaxNewTokens() {
        CpuCausalLm lm = new CpuCausalLm(COMMIT, 50257);

        Generation first = lm.generate("hello world", greedy(7, 7, null, List.of()), 0, true);
        Generation second = lm.generate("hello world", greedy(7, 7, null, List.of()), 3, true);

        assertThat(first.tokenIds()).hasSize(7).isEqualTo(second.tokenIds());
        assertThat(first.endedByEos()).isFalse();
    }

    /** The prompt's tokens and the 40 greedily generated after them, n-grams of {@code noRepeat} barred. */
    private static List<Integer> sequence(int noRepeat) {
        CpuCausalLm lm = new CpuCausalLm(COMMIT, 50257);
        List<Integer> sequence = new ArrayList<>(lm.tokenize("hello world"));
        sequence.addAll(lm.generate("hello world", greedy(40, 40, noRepeat, List.of()), 0, true).tokenIds());
        return sequence;
    }

    /** Every run of {@code n} consecutive tokens, in order. */
    private static List<List<Integer>> ngrams(List<Integer> sequence, int n) {
        List<List<Integer>> ngrams = new ArrayList<>();
        for (int i = 0; i + n <= sequence.size(); i++) {
            ngrams.add(sequence.subList(i, i + n));
        }
        return ngrams;
    }

    @Test
    void noRepeatNgramSizeTwoNeverRepeatsAPair() {
        assertThat(ngrams(sequence(2), 2)).doesNotHaveDuplicates();
    }

    @Test
    void noRepeatNgramSizeThreeNeverRepeatsATripleButMayRepeatAPair() {
        List<Integer> sequence = sequence(3);

        assertThat(ngrams(sequence, 3)).as("triples of %s", sequence).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ngrams(sequence, 2))).as("distinct pairs of %s", sequence)
                .hasSizeLessThan(ngrams(sequence, 2).size());
    }

    @Test
    void aBadWordIsNeverGenerated() {
        CpuCausalLm lm = new CpuCausalLm(COMMIT, 50257);
        int banned = lm.generate("hello world", greedy(1, 1, null, List.of()), 0, true).tokenIds().get(0);

        Generation generation = lm.generate("hello world", greedy(20, 20, null, List.of(List.of(banned))), 0, true);

        assertThat(generation.tokenIds()).doesNotContain(banned);
    }

    @Test
    void endOfSequenceRendersUnlessSpecialTokensAreSkipped() {
        CpuCausalLm lm = new CpuCausalLm(COMMIT, 50257);
        // Greedy decoding never prefers end of sequence (its toy logit is below every word's): sample hot.
        GenerationConfig free = new GenerationConfig(200, 50.0, 1.0, 0, true, 1.0, 0, 0, null, null, null, null, null,
                null, List.of(), List.of());
        Generation skipped = null;
        String prompt = null;
        for (int i = 0; i < 50 && (skipped == null || !skipped.endedByEos()); i++) {
            prompt = "prompt " + i;
            skipped = lm.generate(prompt, free, 0, true);
        }
        assertThat(skipped.endedByEos()).as("some prompt ends with end of sequence").isTrue();

        Generation kept = lm.generate(prompt, free, 0, false);

        assertThat(kept.text()).endsWith(CpuCausalLm.EOS_TEXT);
        assertThat(skipped.text()).doesNotContain(CpuCausalLm.EOS_TEXT);
    }
}
