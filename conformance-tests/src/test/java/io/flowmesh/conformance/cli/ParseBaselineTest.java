package io.flowmesh.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class ParseBaselineTest {

    @Test
    void eachTextIsParsedAsManyTimesUnmeasuredThenMeasuredInTheOrderGiven() {
        List<String> parsed = new ArrayList<>();

        List<Double> seconds = ParseBaseline.measured(List.of("a", "b"), 3, parsed::add);

        assertThat(seconds).as("one figure a text").hasSize(2).allSatisfy(s -> assertThat(s).isNotNegative());
        List<String> expected = new ArrayList<>(Collections.nCopies(6, "a"));
        expected.addAll(Collections.nCopies(6, "b"));
        assertThat(parsed).as("3 unmeasured and 3 measured parses of each, in order").isEqualTo(expected);
    }

    @Test
    void theParseIsAPlainYamlReadThatNamesANonYamlText() {
        ParseBaseline.parse("a: [1, 2]\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ParseBaseline.parse("a: [1, 2\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("a template is not YAML: ");
    }
}
