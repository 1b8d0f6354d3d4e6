package io.flowmesh.conformance.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The oracles the contracts compute, checked on inputs whose answer is known by hand. */
class ContractOraclesTest {

    @Nested
    class EarlyStopBoundary {

        @Test
        void theBoundaryIsThePositiveKlNearestTheMiddleThatALaterUpdateExceeds() {
            assertThat(PpoEarlyStop.boundaryIndex(List.of(0.0, 0.2, 0.4, 0.9))).isEqualTo(OptionalInt.of(1));
            assertThat(PpoEarlyStop.boundaryIndex(List.of(0.0, 0.1, 0.2, 0.3, 0.4))).isEqualTo(OptionalInt.of(2));
        }

        @Test
        void aKlThatNoLaterUpdateExceedsMakesNoBoundary() {
            assertThat(PpoEarlyStop.boundaryIndex(List.of(0.0, 0.0, 0.0))).isEmpty();
            assertThat(PpoEarlyStop.boundaryIndex(List.of(0.5, 0.3, 0.1))).isEmpty();
        }

        @Test
        void theStopIsTheFirstUpdateStrictlyAboveTheThreshold() {
            assertThat(PpoEarlyStop.firstAbove(List.of(0.0, 0.2, 0.4, 0.9), 0.2)).as("0.2 is not above 0.2").isEqualTo(2);
            assertThat(PpoEarlyStop.firstAbove(List.of(0.0, 0.5, 0.3, 0.6), 0.3)).as("the first, not the next").isEqualTo(1);
            assertThat(PpoEarlyStop.firstAbove(List.of(0.1, 0.2), 0.2)).isEqualTo(-1);
        }
    }

    @Nested
    class AgentTimeline {

        @Test
        void aStallPastTheTimeoutIsCutAtTheTimeoutWithTheEventsDueByThen() {
            assertThat(AgentTimeout.expected(AgentTimeout.STALLS, 300, true)).isEqualTo(
                    Map.of("status", "timed_out", "elapsed_seconds", 300L, "events", 2L, "retryable", true));
        }

        @Test
        void aTimedOutBatchItemIsNotRetryable() {
            assertThat(AgentTimeout.expected(AgentTimeout.STALLS, 300, false)).containsEntry("retryable", false)
                    .containsEntry("status", "timed_out");
        }

        @Test
        void aFinishDueExactlyAtTheTimeoutCompletes() {
            assertThat(AgentTimeout.expected(AgentTimeout.FINISHES_AT_600, 600, true)).isEqualTo(
                    Map.of("status", "completed", "elapsed_seconds", 600L, "events", 2L, "retryable", false));
        }

        @Test
        void anEventDueOneSecondAfterTheTimeoutIsCut() {
            assertThat(AgentTimeout.expected(AgentTimeout.STALLS_PAST_600, 600, true)).containsEntry("status", "timed_out")
                    .containsEntry("elapsed_seconds", 600L).containsEntry("events", 1L);
        }
    }

    @Nested
    class PaddingSide {

        @Test
        void leftPaddingPadsTheShortPromptBeforeItsTokens() {
            Object mask = List.of(List.of(0, 0, 1), List.of(1, 1, 1), List.of(0, 1, 1));

            assertThat(PpoPaddingSide.paddedOn("left", mask)).isTrue();
            assertThat(PpoPaddingSide.paddedOn("right", mask)).isFalse();
        }

        @Test
        void rightPaddingPadsTheShortPromptAfterItsTokens() {
            Object mask = List.of(List.of(1, 0, 0), List.of(1, 1, 1), List.of(1, 1, 0));

            assertThat(PpoPaddingSide.paddedOn("right", mask)).isTrue();
            assertThat(PpoPaddingSide.paddedOn("left", mask)).isFalse();
        }

        @Test
        void paddingOnBothSidesOrNoPaddingAtAllIsWrong() {
            assertThat(PpoPaddingSide.paddedOn("left", List.of(List.of(0, 1, 0), List.of(1, 1, 1), List.of(1, 1, 1))))
                    .isFalse();
            assertThat(PpoPaddingSide.paddedOn("left", List.of(List.of(1), List.of(1), List.of(1))))
                    .as("the short prompt must be padded").isFalse();
            assertThat(PpoPaddingSide.paddedOn("left", List.of(List.of(0, 1), List.of(1, 1))))
                    .as("one row per prompt").isFalse();
        }
    }

    @Nested
    class SameValue {

        @Test
        void numbersCompareByValueAsJsonDoes() {
            assertThat(Observed.same(4L, 4.0)).isTrue();
            assertThat(Observed.same(0.1, 0.1)).isTrue();
            assertThat(Observed.same(4L, 5L)).isFalse();
            assertThat(Observed.same("4", 4L)).isFalse();
        }

        @Test
        void mapsCompareKeyByKeyInAnyOrderAndListsInOrder() {
            assertThat(Observed.same(Map.of("a", 1L, "b", List.of(1L, 2L)), Map.of("b", List.of(1.0, 2.0), "a", 1.0)))
                    .isTrue();
            assertThat(Observed.same(List.of(1L, 2L), List.of(2L, 1L))).isFalse();
            assertThat(Observed.same(Map.of("a", 1L), Map.of("a", 1L, "b", 2L))).isFalse();
        }
    }
}
