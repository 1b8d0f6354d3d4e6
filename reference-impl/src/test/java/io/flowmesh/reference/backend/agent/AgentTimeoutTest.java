package io.flowmesh.reference.backend.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgentTimeoutTest {

    @Test
    void absentMeansTheDefaultOf600Seconds() throws Exception {
        assertThat(AgentTimeout.parse(null)).as("default").isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void positiveIntegersAreSeconds() throws Exception {
        assertThat(AgentTimeout.parse(300)).as("int").isEqualTo(Duration.ofSeconds(300));
        assertThat(AgentTimeout.parse(7200L)).as("long").isEqualTo(Duration.ofHours(2));
        assertThat(AgentTimeout.parse(BigInteger.ONE)).as("big integer").isEqualTo(Duration.ofSeconds(1));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of(true, "got boolean true"),
                Arguments.of(false, "got boolean false"),
                Arguments.of(300.0, "got non-integer number 300.0"),
                Arguments.of(1.5f, "got non-integer number 1.5"),
                Arguments.of("300", "got string \"300\""),
                Arguments.of(0, "got 0"),
                Arguments.of(-5, "got -5"),
                Arguments.of(List.of(300), "got a list"),
                Arguments.of(Map.of("seconds", 300), "got a map"),
                Arguments.of(BigInteger.TWO.pow(80), "is too large"));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void everythingElseIsRejectedWithOneLineNamingTheField(Object raw, String detail) {
        assertThatThrownBy(() -> AgentTimeout.parse(raw))
                .isInstanceOf(InvalidAgentTimeoutException.class)
                .hasMessageStartingWith("spec.agent.timeout must be a positive integer number of seconds; ")
                .hasMessageContaining(detail)
                .satisfies(e -> assertThat(e.getMessage()).as("one line").doesNotContain("\n"));
    }
}
