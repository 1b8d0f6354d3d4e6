package io.flowmesh.reference.execute;

import static io.flowmesh.reference.execute.TemplateRuns.completed;
import static io.flowmesh.reference.execute.TemplateRuns.lineOf;
import static io.flowmesh.reference.execute.TemplateRuns.onlyViolation;
import static io.flowmesh.reference.execute.TemplateRuns.rejected;
import static io.flowmesh.reference.execute.TemplateRuns.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.flowmesh.conformance.spi.Diagnostic;
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
    @ValueSource(strings = {"\"300\"", "30.5", "true", "0", "-5"})
    void aTimeoutThatIsNotAPositiveIntegerIsRefusedAtTheField(String timeout) {
        String yaml = agent("Summarise the report.", "timeout: " + timeout);

        Diagnostic violation = onlyViolation(rejected(yaml));

        assertThat(violation.pointer()).as("pointer").isEqualTo("/spec/agent/timeout");
        assertThat(violation.line()).as("line").isEqualTo(lineOf(yaml, "timeout:"));
        assertThat(violation.message()).as("message").isNotBlank().doesNotContain("\n");
    }
}
