package io.flowmesh.conformance.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A faulty implementation process is contained: every fault is one failed request naming its cause,
 * the request and the stderr tail; the process is restarted for the next request; nothing it started
 * outlives {@link ProcessImplementation#close()}. The faults are committed by a real process, the
 * shell script {@code faulty-impl.sh} in this package's test resources.
 */
class ProcessImplementationTest {

    private static final ProcessLimits LIMITS = new ProcessLimits(Duration.ofMillis(1500), 65_536, 4096, 3,
            Duration.ofMillis(500));
    private static final RunOptions OPTIONS = RunOptions.defaults();

    @TempDir
    Path state;

    private ProcessImplementation start(String mode) {
        return new ProcessImplementation(command(mode), LIMITS);
    }

    private List<String> command(String mode) {
        return List.of("sh", script(), mode, state.toString());
    }

    static String script() {
        try {
            return Path.of(ProcessImplementationTest.class.getResource("faulty-impl.sh").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private String prefix(String mode) {
        return "the implementation process " + command(mode);
    }

    private static RunResult run(ProcessImplementation implementation) {
        return implementation.run("kind: Task\n", OPTIONS);
    }

    @Nested
    class AWellBehavedProcess {

        @Test
        void answersEveryCallAndIsNeverRestarted() {
            try (ProcessImplementation implementation = start("ok")) {
                assertThat(implementation.name()).isEqualTo("faulty");
                assertThat(implementation.parse("kind: Task\n", "t.yaml").isValid()).isTrue();
                assertThat(run(implementation)).isInstanceOf(RunResult.Completed.class);
                assertThat(implementation.restarts()).isZero();
            }
        }

        @Test
        void mayPutAHugeIntegerInItsTrace() {
            try (ProcessImplementation implementation = start("big-number")) {
                RunResult.Completed completed = (RunResult.Completed) run(implementation);

                assertThat(completed.trace().effects().get(0).value())
                        .isEqualTo(BigInteger.TEN.pow(1999));
            }
        }

        @Test
        void isNotRestartedForAnErrorAnswer() {
            try (ProcessImplementation implementation = start("error-answer")) {
                assertThatThrownBy(() -> run(implementation)).isInstanceOf(ProtocolException.class)
                        .hasMessage("faulty: no such task");
                assertThat(implementation.restarts()).isZero();
            }
        }
    }

    @Nested
    class AFaultFailsOneRequestAndTheProcessIsRestarted {

        @Test
        void whenItNeverAnswers() {
            try (ProcessImplementation implementation = start("hang-once")) {
                long start = System.nanoTime();

                assertThatThrownBy(() -> run(implementation)).isInstanceOf(ProtocolException.class)
                        .hasMessage(prefix("hang-once") + " broke the protocol on request 2 ('run'): it did not answer within"
                                + " 1.5 s (-Dconformance.process.timeoutSeconds); it is restarted for the next request;"
                                + " its stderr is empty");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to the fault").isLessThan(Duration.ofSeconds(5));
                assertThat(run(implementation)).as("the next request").isInstanceOf(RunResult.Completed.class);
                assertThat(implementation.restarts()).isEqualTo(1);
            }
        }

        @Test
        void whenItWritesAStrayLine() {
            try (ProcessImplementation implementation = start("stray-once")) {
                assertThatThrownBy(() -> run(implementation)).isInstanceOf(ProtocolException.class)
                        .hasMessage(prefix("stray-once") + " broke the protocol on request 2 ('run'): it answered with a"
                                + " line that is not JSON (Unrecognized token 'debug': was expecting (JSON String, Number,"
                                + " Array, Object or token 'null', 'true' or 'false')): debug: starting the run; it is"
                                + " restarted for the next request; its stderr is empty");
                assertThat(run(implementation)).as("the next request").isInstanceOf(RunResult.Completed.class);
            }
        }

        @Test
        void whenItAnswersAnotherRequest() {
            try (ProcessImplementation implementation = start("wrong-id")) {
                assertThatThrownBy(() -> run(implementation)).isInstanceOf(ProtocolException.class)
                        .hasMessage(prefix("wrong-id") + " broke the protocol on request 2 ('run'): it answered request"
                                + " 102 when 2 was asked; it is restarted for the next request; its stderr is empty");
            }
        }

        @Test
        void whenItsAnswerLineIsLongerThanTheLimit() {
            try (ProcessImplementation implementation = start("huge-line")) {
                assertThatThrownBy(() -> run(implementation)).isInstanceOf(ProtocolException.class)
                        .hasMessageStartingWith(prefix("huge-line"))
                        .hasMessageEndingWith(" broke the protocol on request 2 ('run'): its answer line is"
                                + " longer than 65536 bytes (-Dconformance.process.maxLineBytes); it is restarted for the"
                                + " next request; its stderr is empty");
            }
        }

        @Test
        void whenItDiesQuotingItsExitCodeAndStderr() {
            try (ProcessImplementation implementation = start("die-once")) {
                assertThatThrownBy(() -> run(implementation)).isInstanceOf(ProtocolException.class)
                        .hasMessage(prefix("die-once") + " (exited with 3) broke the protocol on request 2 ('run'): it"
                                + " closed its output before answering; it is restarted for the next request; its stderr"
                                + " ends: fatal: out of cheese");
                assertThat(run(implementation)).as("the next request").isInstanceOf(RunResult.Completed.class);
            }
        }

        @Test
        void whenItDoesNotReadItsRequest() {
            try (ProcessImplementation implementation = start("deaf")) {
                String large = "kind: Task\nnote: " + "x".repeat(1 << 20) + "\n";

                assertThatThrownBy(() -> implementation.run(large, OPTIONS)).isInstanceOf(ProtocolException.class)
                        .hasMessageContaining("broke the protocol on request 2 ('run'): it did not read its request within 1.5 s");
            }
        }

        @Test
        void untilItWasRestartedTheMostTimesAllowedThenEveryRequestFailsAtOnce() {
            try (ProcessImplementation implementation = start("die-always")) {
                for (int i = 0; i < 4; i++) {
                    assertThatThrownBy(() -> run(implementation)).hasMessageContaining("(exited with 3) broke the protocol");
                }
                long start = System.nanoTime();

                assertThatThrownBy(() -> run(implementation)).isInstanceOf(ProtocolException.class)
                        .hasMessage("faulty: not asked to 'run': the implementation process " + command("die-always")
                                + " was restarted 3 time(s) in a row and broke the protocol again (-Dconformance.process.maxRestarts);"
                                + " the last fault: it closed its output before answering");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
                assertThat(implementation.restarts()).isEqualTo(3);
            }
        }

        @Test
        void byDefaultOnceInARowSoAProcessThatAnswersBetweenFaultsKeepsBeingRestarted() {
            assertThat(ProcessLimits.defaults().maxRestarts()).isEqualTo(1);
            try (ProcessImplementation implementation = new ProcessImplementation(command("die-second"),
                    LIMITS.withMaxRestarts(ProcessLimits.defaults().maxRestarts()))) {
                for (int round = 0; round < 3; round++) {
                    assertThat(run(implementation)).as("the first run of process %d", round + 1)
                            .isInstanceOf(RunResult.Completed.class);
                    assertThatThrownBy(() -> run(implementation)).as("its second run")
                            .hasMessageContaining("broke the protocol").hasMessageContaining("it is restarted for the next request");
                }
                assertThat(implementation.restarts()).isEqualTo(2);
            }
        }

        @Test
        void byDefaultAProcessThatFaultsRightAfterItsRestartIsGivenUp() {
            try (ProcessImplementation implementation = new ProcessImplementation(command("die-always"),
                    LIMITS.withMaxRestarts(ProcessLimits.defaults().maxRestarts()))) {
                assertThatThrownBy(() -> run(implementation)).hasMessageEndingWith(
                        "it closed its output before answering; it is restarted for the next request; its stderr ends: fatal: run 1");
                assertThatThrownBy(() -> run(implementation)).hasMessageEndingWith(
                        "it closed its output before answering; its stderr ends: fatal: run 1");
                for (int i = 0; i < 3; i++) {
                    assertThatThrownBy(() -> run(implementation)).as("every further request")
                            .hasMessage("faulty: not asked to 'run': the implementation process " + command("die-always")
                                    + " was restarted 1 time(s) in a row and broke the protocol again"
                                    + " (-Dconformance.process.maxRestarts); the last fault: it closed its output before answering");
                }
                assertThat(implementation.restarts()).isEqualTo(1);
            }
        }
    }

    @Nested
    class StartingFails {

        @Test
        void whenTheProcessNeverDescribesItself() {
            long start = System.nanoTime();

            assertThatThrownBy(() -> start("describe-hang")).isInstanceOf(ProtocolException.class)
                    .hasMessage(prefix("describe-hang") + " broke the protocol on request 1 ('describe'): it did not answer"
                            + " within 1.5 s (-Dconformance.process.timeoutSeconds); its stderr is empty");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }

        @Test
        void whenTheProgramIsMissing() {
            assertThatThrownBy(() -> new ProcessImplementation(List.of("/nonexistent/impl-server"), LIMITS))
                    .isInstanceOf(ProtocolException.class)
                    .hasMessage("cannot start the implementation process [/nonexistent/impl-server]:"
                            + " /nonexistent/impl-server: no such executable file");
        }
    }

    @Nested
    class NothingOutlivesClose {

        @Test
        void notAChildNorAGrandchildWhoseParentExited() throws Exception {
            ProcessImplementation implementation = start("fork-child");
            long child = pid("child");
            long grandchild = pid("grandchild");
            assertThat(alive(child)).as("the child runs while the process serves").isTrue();
            assertThat(alive(grandchild)).as("the grandchild too").isTrue();

            implementation.close();

            assertThat(alive(child)).as("child " + child + " after close").isFalse();
            assertThat(alive(grandchild)).as("grandchild " + grandchild + " after close").isFalse();
        }

        @Test
        void notAProcessThatIgnoresTheEndOfItsInputAndSigterm() throws Exception {
            ProcessImplementation implementation = start("ignore-eof");
            long pid = pid("pids");
            long start = System.nanoTime();

            implementation.close();

            assertThat(alive(pid)).as("process " + pid + " after close").isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to close").isLessThan(Duration.ofSeconds(5));
        }

        @Test
        void norAProcessRestartedAfterAFault() throws Exception {
            ProcessImplementation implementation = start("hang-once");
            assertThatThrownBy(() -> run(implementation)).isInstanceOf(ProtocolException.class);
            run(implementation);
            List<String> pids = Files.readAllLines(state.resolve("pids"));

            implementation.close();

            assertThat(pids).as("the first process and its restart").hasSize(2);
            for (String pid : pids) {
                assertThat(alive(Long.parseLong(pid.trim()))).as("process " + pid).isFalse();
            }
        }

        private long pid(String file) throws Exception {
            Path path = state.resolve(file);
            for (int i = 0; i < 100 && (!Files.exists(path) || Files.readString(path).isBlank()); i++) {
                Thread.sleep(20);
            }
            return Long.parseLong(Files.readAllLines(path).get(0).trim());
        }

        private boolean alive(long pid) {
            return ProcessTree.running(pid);
        }
    }

    @Nested
    class Stderr {

        @Test
        void aFloodIsHeldToItsTailInMemory() {
            try (ProcessImplementation implementation = start("stderr-flood")) {
                for (int i = 0; i < 8; i++) {
                    assertThat(run(implementation)).isInstanceOf(RunResult.Completed.class);
                }
                assertThat(implementation.restarts()).isZero();
            }
        }

        @Test
        void keepsOnlyTheLastBytes() {
            StderrTail tail = new StderrTail(18);
            tail.drain(new ByteArrayInputStream(("e".repeat(100_000) + "\nthe last words\n").getBytes(StandardCharsets.UTF_8)));

            assertThat(tail.tail(600)).isEqualTo("ee the last words");
        }
    }

    @Nested
    class Limits {

        @Test
        void defaultToTheDocumentedValues() {
            assertThat(ProcessLimits.defaults()).isEqualTo(new ProcessLimits(Duration.ofSeconds(120), 16 << 20,
                    64 << 10, 1, Duration.ofSeconds(2)));
        }

        @Test
        void areReadFromSystemProperties() {
            Map<String, String> properties = Map.of(ProcessLimits.TIMEOUT_PROPERTY, "2.5", ProcessLimits.MAX_LINE_PROPERTY, "1024");

            assertThat(ProcessLimits.from(properties::get)).isEqualTo(new ProcessLimits(Duration.ofMillis(2500), 1024,
                    64 << 10, 1, Duration.ofSeconds(2)));
        }

        @Test
        void refuseATimeoutThatIsNotAPositiveNumber() {
            assertThatThrownBy(() -> ProcessLimits.from(Map.of(ProcessLimits.TIMEOUT_PROPERTY, "soon")::get))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("-Dconformance.process.timeoutSeconds=soon: expected a number of seconds in (0, 86400]");
        }

        @Test
        void refuseALineLimitThatIsNotAWholeNumber() {
            assertThatThrownBy(() -> ProcessLimits.from(Map.of(ProcessLimits.MAX_LINE_PROPERTY, "-1")::get))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("-Dconformance.process.maxLineBytes=-1: expected a whole number in [1, 2147483631]");
        }
    }
}
