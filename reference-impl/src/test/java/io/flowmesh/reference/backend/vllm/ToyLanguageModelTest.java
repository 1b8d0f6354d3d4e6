package io.flowmesh.reference.backend.vllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** One model per commit and id space, shared by the JVM's engines; never one commit's for another. */
class ToyLanguageModelTest {

    private static final String COMMIT = "1111111111111111111111111111111111111111";
    private static final String OTHER_COMMIT = "2222222222222222222222222222222222222222";

    @Test
    void theSameCommitAndIdSpaceGiveTheSameModel() {
        assertThat(ToyLanguageModel.of(COMMIT, 32000)).isSameAs(ToyLanguageModel.of(COMMIT, 32000));
    }

    @Test
    void anotherCommitIsAnotherModel() {
        ToyLanguageModel model = ToyLanguageModel.of(COMMIT, 32000);
        ToyLanguageModel other = ToyLanguageModel.of(OTHER_COMMIT, 32000);

        assertThat(other).isNotSameAs(model);
        assertThat(other.eos()).as("end of sequence of another commit").isNotEqualTo(model.eos());
    }

    @Test
    void anotherIdSpaceIsAnotherModel() {
        ToyLanguageModel wide = ToyLanguageModel.of(COMMIT, 32000);
        ToyLanguageModel narrow = ToyLanguageModel.of(COMMIT, 100);

        assertThat(narrow).isNotSameAs(wide);
        assertThat(Arrays.stream(narrow.next(narrow.eos()).tokens()).max().orElseThrow())
                .as("the largest candidate id of a 100-id tokenizer").isLessThan(100);
    }
}
