package io.flowmesh.reference.backend.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An agent scripts file replayed on the virtual clock at the absolute times it states. */
class AgentScriptsTest {

    @TempDir
    Path dir;

    private final AgentRuntime runtime = new AgentRuntime();

    private Path file(String json) throws IOException {
        return Files.writeString(dir.resolve("scripts.json"), json);
    }

    private AgentScript script(String json, String task) throws IOException, AgentScriptsException {
        return AgentScripts.read(file(json)).forTask(task).orElseThrow(() -> new AssertionError("no script " + task));
    }

    /** Events at 5 s and 12 s, finish at 20 s. */
    private static final String REPORT = """
            {"scripts": [{"task": "summarise the report", "result": "done",
              "events": [{"at_seconds": 5, "kind": "message"}, {"at_seconds": 12, "kind": "tool_call", "content": "x"}],
              "finish_at_seconds": 20}]}
            """;

    @Nested
    class Replay {

        @Test
        void eventsArriveAtTheirAbsoluteTimesAndTheRunEndsAtTheFinish() throws Exception {
            AgentOutcome outcome = runtime.run(script(REPORT, "summarise the report"), Duration.ofSeconds(600));

            assertThat(outcome.status()).as("status").isEqualTo(AgentOutcome.Status.COMPLETED);
            assertThat(outcome.events()).as("arrival times").extracting(DeliveredEvent::at)
                    .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(12));
            assertThat(outcome.events()).as("kinds and contents").extracting(DeliveredEvent::kind, DeliveredEvent::content)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("message", ""),
                            org.assertj.core.groups.Tuple.tuple("tool_call", "x"));
            assertThat(outcome.elapsed()).as("elapsed").isEqualTo(Duration.ofSeconds(20));
            assertThat(outcome.result()).as("result").isEqualTo("done");
        }

        @ParameterizedTest(name = "timeout {0} s: {1}, ended at {2} s, {3} events")
        @CsvSource({
            "4, TIMED_OUT, 4, 0",
            "5, TIMED_OUT, 5, 1",
            "11, TIMED_OUT, 11, 1",
            "12, TIMED_OUT, 12, 2",
            "19, TIMED_OUT, 19, 2",
            "20, COMPLETED, 20, 2",
            "21, COMPLETED, 20, 2"})
        void theTimeoutCutsTheStreamWhenTheNextStepIsDueStrictlyAfterIt(long timeout, AgentOutcome.Status status,
                long endedAt, int events) throws Exception {
            AgentOutcome outcome = runtime.run(script(REPORT, "summarise the report"), Duration.ofSeconds(timeout));

            assertThat(outcome.status()).as("status").isEqualTo(status);
            assertThat(outcome.elapsed()).as("elapsed").isEqualTo(Duration.ofSeconds(endedAt));
            assertThat(outcome.events()).as("events delivered").hasSize(events);
        }

        @Test
        void fractionalSecondsAreKept() throws Exception {
            AgentScript script = script("""
                    {"scripts": [{"task": "t", "events": [{"at_seconds": 0.25}], "finish_at_seconds": 1.5}]}
                    """, "t");

            AgentOutcome outcome = runtime.run(script, Duration.ofSeconds(600));

            assertThat(outcome.events()).extracting(DeliveredEvent::at).containsExactly(Duration.ofMillis(250));
            assertThat(outcome.elapsed()).as("elapsed").isEqualTo(Duration.ofMillis(1500));
        }

        @Test
        void aTaskTextNoScriptNamesHasNoScript() throws Exception {
            assertThat(AgentScripts.read(file(REPORT)).forTask("summarise the report ")).as("a near miss").isEmpty();
            assertThat(AgentScripts.none().forTask("summarise the report")).as("no file").isEmpty();
        }
    }

    @Nested
    class MalformedFiles {

        private String message(String json) throws IOException {
            Path file = file(json);
            AgentScriptsException e = catchThrowableOfType(AgentScriptsException.class, () -> AgentScripts.read(file));
            assertThat(e).as("exception for %s", json).isNotNull();
            assertThat(e.getMessage()).as("message").contains(file.toString()).doesNotContain("\n");
            return e.getMessage();
        }

        @Test
        void notJson() throws IOException {
            assertThat(message("{scripts: ")).contains("is not JSON");
        }

        @Test
        void noScriptsList() throws IOException {
            assertThat(message("{\"script\": []}")).endsWith("expected an object with a \"scripts\" list");
        }

        @Test
        void aMissingFinish() throws IOException {
            assertThat(message("{\"scripts\": [{\"task\": \"t\", \"events\": []}]}"))
                    .endsWith("scripts[0].finish_at_seconds: expected a non-negative number of seconds, got nothing");
        }

        @Test
        void aNegativeTime() throws IOException {
            assertThat(message("{\"scripts\": [{\"task\": \"t\", \"events\": [{\"at_seconds\": -1}], \"finish_at_seconds\": 3}]}"))
                    .endsWith("scripts[0].events[0].at_seconds: expected a non-negative number of seconds, got -1");
        }

        @Test
        void eventsOutOfOrder() throws IOException {
            assertThat(message("{\"scripts\": [{\"task\": \"t\", \"events\": [{\"at_seconds\": 5}, {\"at_seconds\": 4}],"
                    + " \"finish_at_seconds\": 9}]}"))
                    .contains("scripts[0].events[1].at_seconds: events must be in time order");
        }

        @Test
        void aFinishBeforeTheLastEvent() throws IOException {
            assertThat(message("{\"scripts\": [{\"task\": \"t\", \"events\": [{\"at_seconds\": 5}], \"finish_at_seconds\": 4}]}"))
                    .endsWith("scripts[0].finish_at_seconds: the finish is due before the last event");
        }

        @Test
        void aTaskThatIsNotAString() throws IOException {
            assertThat(message("{\"scripts\": [{\"task\": 3, \"finish_at_seconds\": 4}]}"))
                    .endsWith("scripts[0].task: expected a string, got 3");
        }

        @Test
        void aTaskScriptedTwice() throws IOException {
            assertThat(message("{\"scripts\": [{\"task\": \"t\", \"finish_at_seconds\": 4},"
                    + " {\"task\": \"t\", \"finish_at_seconds\": 5}]}"))
                    .endsWith("scripts[1].task: a script for this task text comes earlier");
        }

        @Test
        void aMissingFile() {
            Path missing = dir.resolve("nope.json");
            AgentScriptsException e = catchThrowableOfType(AgentScriptsException.class, () -> AgentScripts.read(missing));
            assertThat(e.getMessage()).contains(missing.toString()).contains("cannot be read");
        }
    }
}
