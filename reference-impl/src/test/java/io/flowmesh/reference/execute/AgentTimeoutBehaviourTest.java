package io.flowmesh.reference.execute;

import static io.flowmesh.reference.execute.TemplateRuns.completed;
import static io.flowmesh.reference.execute.TemplateRuns.lineOf;
import static io.flowmesh.reference.execute.TemplateRuns.onlyViolation;
import static io.flowmesh.reference.execute.TemplateRuns.rejected;
import static io.flowmesh.reference.execute.TemplateRuns.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;

/**
 * {@code spec.agent.timeout} bounds the agent's whole event stream on the runtime's virtual clock: a
 * stalled single task is cut exactly at the timeout as a retryable failure, a stalled batch item fails
 * alone, and anything but a positive integer is refused at the field.
 */
class AgentTimeoutBehaviourTest {

    private static final String STALLING_TASK = "Collect the prices; the browser tends to stall 900s on one page.";

    /** A single agent task; {@code %s} are the task text and the {@code agent} lines. */
    private static final String TEMPLATE = """
            apiVersion: flowmesh/v1
            kind: AgentTask
            metadata: {name: agent-check}
            spec:
              taskType: agent
              configName: researcher
              task: "%s"
              agent:
                max_steps: 10
            %s
              resources:
                hardware: {cpu: "2", memory: 4Gi}
            """;

    private static String agent(String task, String agentLine) {
        return TEMPLATE.formatted(task, agentLine.isEmpty() ? "" : "    " + agentLine);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> outcome(RunResult.Completed run) {
        return (Map<String, Object>) value(run, "agent", "task/outcome");
    }

    @Test
    void aStallLongerThanTheTimeoutIsCutAtTheTimeoutAndRetryable() {
        Map<String, Object> outcome = outcome(completed(agent(STALLING_TASK, "timeout: 240")));

        assertThat(outcome).as("outcome of a 900 s stall under a 240 s timeout")
                .containsEntry("status", "timed_out")
                .containsEntry("elapsed_seconds", 240.0)
                .containsEntry("retryable", true);
    }

    @Test
    void aTimeoutLongerThanTheStallLetsTheAgentFinish() {
        Map<String, Object> outcome = outcome(completed(agent(STALLING_TASK, "timeout: 1000")));

        assertThat(outcome).as("outcome of a 900 s stall under a 1000 s timeout")
                .containsEntry("status", "completed")
                .containsEntry("retryable", false);
        assertThat(((Number) outcome.get("elapsed_seconds")).doubleValue()).as("elapsed seconds")
                .isGreaterThan(900.0).isLessThan(1000.0);
    }

    @Test
    void withoutATimeoutTheDefaultIs600Seconds() {
        RunResult.Completed run = completed(agent(STALLING_TASK, ""));

        assertThat(value(run, "agent", "task/timeout_seconds")).as("timeout seconds").isEqualTo(600L);
        assertThat(outcome(run)).as("a 900 s stall under the default timeout")
                .containsEntry("status", "timed_out")
                .containsEntry("elapsed_seconds", 600.0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void inABatchOnlyTheStallingItemFailsAndIsNotRetryable() {
        String yaml = """
                apiVersion: flowmesh/v1
                kind: AgentTask
                metadata: {name: agent-batch-check}
                spec:
                  taskType: agent
                  configName: triage-bot
                  task: Triage each report.
                  agent:
                    timeout: 300
                    batch:
                      - Crash when opening settings
                      - Search stalls 400s on large workspaces
                      - Export drops the last row
                  resources:
                    hardware: {cpu: "2", memory: 4Gi}
                """;

        List<Map<String, Object>> outcomes = (List<Map<String, Object>>) value(completed(yaml), "agent", "task/outcome");

        assertThat(outcomes).as("one outcome per item").hasSize(3);
        assertThat(outcomes).extracting(o -> o.get("status")).as("statuses")
                .containsExactly("completed", "timed_out", "completed");
        assertThat(outcomes.get(1)).as("the stalled item")
                .containsEntry("elapsed_seconds", 300.0)
                .containsEntry("retryable", false);
    }

    @ParameterizedTest(name = "timeout: {0}")
    @ValueSource(strings = {"\"300\"", "30.5", "300.0", "true", "0", "-5"})
    void aTimeoutThatIsNotAPositiveIntegerIsRefusedAtTheField(String timeout) {
        String yaml = agent("Summarise the report.", "timeout: " + timeout);

        Diagnostic violation = onlyViolation(rejected(yaml));

        assertThat(violation.pointer()).as("pointer").isEqualTo("/spec/agent/timeout");
        assertThat(violation.line()).as("line").isEqualTo(lineOf(yaml, "timeout:"));
        assertThat(violation.message()).as("message").isNotBlank().doesNotContain("\n");
    }

    /** Runs the kit scripts with the {@code agentScripts} option, as the kit's contract cases do. */
    @Nested
    class ScriptedRuns {

        /** Events at 5 s and 250 s; the finish at 700 s, beyond the default timeout. */
        private static final String SCRIPTS = """
                {"scripts": [
                  {"task": "collect the prices", "events": [{"at_seconds": 5, "kind": "message"},
                    {"at_seconds": 250, "kind": "tool_call"}], "finish_at_seconds": 700, "result": "prices"},
                  {"task": "quick one", "events": [{"at_seconds": 1, "kind": "message"}], "finish_at_seconds": 2}]}
                """;

        @TempDir
        Path dir;

        private RunOptions options() throws IOException {
            Path file = Files.writeString(dir.resolve("scripts.json"), SCRIPTS);
            return TemplateRuns.fixtureOptions().with(RunOptions.AGENT_SCRIPTS, file.toString());
        }

        private Map<String, Object> run(String task, String agentLine) throws IOException {
            return outcome(completed(agent(task, agentLine), options()));
        }

        @Test
        void theOutcomeHoldsExactlyStatusElapsedEventsAndRetryable() throws IOException {
            Map<String, Object> outcome = run("collect the prices", "timeout: 900");

            assertThat(outcome).as("outcome of a run finishing at 700 s under 900 s")
                    .containsExactly(Map.entry("status", "completed"), Map.entry("elapsed_seconds", 700.0),
                            Map.entry("events", 2L), Map.entry("retryable", false));
        }

        @Test
        void aStreamIsCutAtExactlyTheTimeoutAndAnEventDueThenIsDelivered() throws IOException {
            assertThat(run("collect the prices", "timeout: 250")).as("timeout 250, an event due at 250")
                    .containsExactly(Map.entry("status", "timed_out"), Map.entry("elapsed_seconds", 250.0),
                            Map.entry("events", 2L), Map.entry("retryable", true));
            assertThat(run("collect the prices", "timeout: 249")).as("timeout 249")
                    .containsEntry("elapsed_seconds", 249.0).containsEntry("events", 1L);
        }

        @Test
        void withoutATimeoutTheStreamIsCutAt600Seconds() throws IOException {
            assertThat(run("collect the prices", "")).as("no timeout, finish due at 700 s")
                    .containsEntry("status", "timed_out").containsEntry("elapsed_seconds", 600.0);
        }

        @Test
        @SuppressWarnings("unchecked")
        void everyBatchItemGetsItsOwnClockAndTheFullTimeoutAndFailsAlone() throws IOException {
            String yaml = agent("Triage each report.", """
                    timeout: 300
                        batch: [quick one, collect the prices, quick one]""");

            List<Map<String, Object>> outcomes = (List<Map<String, Object>>) value(completed(yaml, options()), "agent",
                    "task/outcome");

            assertThat(outcomes).as("outcomes in item order").containsExactly(
                    Map.of("status", "completed", "elapsed_seconds", 2.0, "events", 1L, "retryable", false),
                    Map.of("status", "timed_out", "elapsed_seconds", 300.0, "events", 2L, "retryable", false),
                    Map.of("status", "completed", "elapsed_seconds", 2.0, "events", 1L, "retryable", false));
        }

        @Test
        void aRunNoScriptNamesKeepsItsDerivedScript() throws IOException {
            Map<String, Object> scripted = run(STALLING_TASK, "timeout: 240");

            assertThat(scripted).as("the derived stalling script, with the scripts option set")
                    .isEqualTo(outcome(completed(agent(STALLING_TASK, "timeout: 240"))));
        }

        @Test
        void aMalformedScriptsFileIsARunTimeViolationNamingTheFile() throws IOException {
            Path file = Files.writeString(dir.resolve("broken.json"), "{\"scripts\": [{\"task\": 1}]}");
            RunOptions options = TemplateRuns.fixtureOptions().with(RunOptions.AGENT_SCRIPTS, file.toString());

            Diagnostic violation = onlyViolation(rejected(agent("collect the prices", "timeout: 30"), options));

            assertThat(violation.code()).as("code").isEqualTo("execute.agent-scripts");
            assertThat(violation.message()).as("message").contains(file.toString()).contains("scripts[0].task")
                    .doesNotContain("\n");
        }
    }
}
