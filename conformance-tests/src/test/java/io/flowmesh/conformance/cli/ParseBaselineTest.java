package io.flowmesh.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

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
    void aThreadedTimingParsesEveryTextOncePerPassSpreadOverThePoolsThreads() {
        Map<String, Integer> parses = new ConcurrentHashMap<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();

        double seconds = ParseBaseline.threaded(List.of("a", "b"), 40, 2, text -> {
            parses.merge(text, 1, Integer::sum);
            threads.add(Thread.currentThread().getName());
            LockSupport.parkNanos(100_000);
        });

        assertThat(seconds).isPositive();
        assertThat(parses).as("parses of each text").containsExactlyInAnyOrderEntriesOf(Map.of("a", 40, "b", 40));
        assertThat(threads).as("threads that parsed").hasSize(2).noneMatch(name -> name.equals(Thread.currentThread().getName()));
    }

    @Test
    void aThreadedTimingHasAsManyPassesAsTakeAboutItsWorkOnOneThread() {
        int passes = ParseBaseline.passesFor(List.of("a", "b"), text -> LockSupport.parkNanos(1_000_000));

        long expected = ParseBaseline.THREADED_WORK.toMillis() / 2;
        assertThat(passes).as("passes of two 1 ms parses (parking oversleeps, so fewer, never more)")
                .isBetween(2, (int) expected);
        assertThat(passes).as("of its order, however loaded the machine").isGreaterThan((int) (expected / 10));
        assertThat(ParseBaseline.passesFor(List.of("a"), text -> LockSupport.parkNanos(320_000_000)))
                .as("a pass longer than the work: two, one a thread").isEqualTo(2);
    }

    @Test
    void aThreadedTimingPassesOnAParseFailure() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ParseBaseline.threaded(List.of("a: [1, 2\n"), 3, 2,
                ParseBaseline::parse)).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("a template is not YAML: ");
    }

    @Test
    void theParseIsAPlainYamlReadThatNamesANonYamlText() {
        ParseBaseline.parse("a: [1, 2]\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ParseBaseline.parse("a: [1, 2\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("a template is not YAML: ");
    }
}
