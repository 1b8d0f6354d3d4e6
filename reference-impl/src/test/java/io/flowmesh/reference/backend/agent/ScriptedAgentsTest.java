package io.flowmesh.reference.backend.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScriptedAgentsTest {

    private final AgentRuntime runtime = new AgentRuntime();

    @Test
    void theSameTaskGivesTheSameScript() {
        assertThat(ScriptedAgents.forTask("paper_collector", "Collect five papers on LoRA"))
                .as("a second build").isEqualTo(ScriptedAgents.forTask("paper_collector", "Collect five papers on LoRA"));
    }

    @Test
    void theTimelineDependsOnTheText() {
        AgentScript one = ScriptedAgents.forTask("paper_collector", "Collect five papers on LoRA");
        AgentScript other = ScriptedAgents.forTask("paper_collector", "Collect five papers on PPO");

        assertThat(other.steps()).as("steps of another task").isNotEqualTo(one.steps());
        assertThat(other.name()).as("name").isNotEqualTo(one.name()).startsWith("paper_collector#");
    }

    @Test
    void ordinaryTasksFinishWellInsideTheUsualTimeouts() {
        for (String task : List.of("a", "Summarise the repo", "Find GPUs", "Write a haiku", "Plan a trip",
                "Review the PR", "Translate to French", "List open issues")) {
            AgentScript script = ScriptedAgents.forTask("cfg", task);
            assertThat(script.steps()).as("steps of %s", task).hasSizeBetween(3, 7)
                    .noneMatch(AgentStep.Stall.class::isInstance);
            assertThat(script.duration()).as("duration of %s", task).isLessThanOrEqualTo(Duration.ofSeconds(210));
            assertThat(runtime.run(script, Duration.ofSeconds(300)).status()).as("status of %s", task)
                    .isEqualTo(AgentOutcome.Status.COMPLETED);
        }
    }

    @Test
    void aTaskMentioningStallStallsLongerThanTheDefaultTimeout() {
        AgentScript script = ScriptedAgents.forTask("cfg", "Call the flaky tool; it may STALL");

        assertThat(script.steps()).as("steps").contains(new AgentStep.Stall(Duration.ofSeconds(900)));
        AgentOutcome outcome = runtime.run(script, Duration.ofSeconds(600));
        assertThat(outcome.status()).as("status under the default timeout").isEqualTo(AgentOutcome.Status.TIMED_OUT);
        assertThat(outcome.cutAt()).as("cutAt").isEqualTo(Duration.ofSeconds(600));
        assertThat(outcome.events()).as("only the first event arrives").hasSize(1);
    }

    @Test
    void aStallCanNameItsDuration() {
        AgentScript script = ScriptedAgents.forTask("cfg", "the tool stalls for 120 s then answers");

        assertThat(script.steps()).as("steps").contains(new AgentStep.Stall(Duration.ofSeconds(120)));
        assertThat(runtime.run(script, Duration.ofSeconds(100)).status()).as("under 100 s")
                .isEqualTo(AgentOutcome.Status.TIMED_OUT);
        assertThat(runtime.run(script, Duration.ofSeconds(600)).status()).as("under 600 s")
                .isEqualTo(AgentOutcome.Status.COMPLETED);
    }

    @Test
    void installationIsNotAStall() {
        assertThat(ScriptedAgents.forTask("cfg", "install the stallion package").steps()).as("steps")
                .noneMatch(AgentStep.Stall.class::isInstance);
    }
}
