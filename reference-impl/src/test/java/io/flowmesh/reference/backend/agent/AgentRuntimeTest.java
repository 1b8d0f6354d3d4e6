package io.flowmesh.reference.backend.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class AgentRuntimeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(300);

    private final AgentRuntime runtime = new AgentRuntime();

    private static AgentScript stalling() {
        return AgentScript.named("stuck")
                .emit("thinking", "planning", Duration.ofSeconds(5))
                .stall(Duration.ofSeconds(900))
                .emit("message", "too late", Duration.ofSeconds(1))
                .finish("never seen", Duration.ofSeconds(1));
    }

    private static AgentScript quick(String name) {
        return AgentScript.named(name)
                .emit("thinking", "planning", Duration.ofSeconds(5))
                .emit("tool_call", "search", Duration.ofSeconds(10))
                .finish("answer", Duration.ofSeconds(20));
    }

    @Test
    void aScriptWithinTheTimeoutCompletesAtItsFinishTime() {
        AgentOutcome outcome = runtime.run(quick("ok"), TIMEOUT);

        assertThat(outcome.status()).as("status").isEqualTo(AgentOutcome.Status.COMPLETED);
        assertThat(outcome.elapsed()).as("virtual elapsed").isEqualTo(Duration.ofSeconds(35));
        assertThat(outcome.events()).as("events: the finish is not one").extracting(DeliveredEvent::kind)
                .containsExactly("thinking", "tool_call");
        assertThat(outcome.events()).as("arrival times").extracting(DeliveredEvent::at)
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(15));
        assertThat(outcome.retryable()).as("retryable").isFalse();
        assertThat(outcome.cutAt()).as("cutAt").isNull();
        assertThat(outcome.result()).as("result").isEqualTo("answer");
    }

    @Test
    void aStalledStreamIsCutAtExactlyTheTimeout() {
        AgentOutcome outcome = runtime.run(stalling(), TIMEOUT);

        assertThat(outcome.status()).as("status").isEqualTo(AgentOutcome.Status.TIMED_OUT);
        assertThat(outcome.cutAt()).as("cutAt").isEqualTo(TIMEOUT);
        assertThat(outcome.elapsed()).as("elapsed").isEqualTo(TIMEOUT);
        assertThat(outcome.events()).as("events before the stall").extracting(DeliveredEvent::content)
                .containsExactly("planning");
        assertThat(outcome.retryable()).as("a single task timeout is retryable").isTrue();
        assertThat(outcome.message()).as("message")
                .isEqualTo("agent task 'stuck' timed out: no event between 5 s and the 300 s timeout "
                        + "(next due at 906 s); events delivered: 1; retryable");
    }

    @Test
    void aLongerTimeoutLetsTheSameStallComplete() {
        AgentOutcome outcome = runtime.run(stalling(), Duration.ofSeconds(1000));

        assertThat(outcome.status()).as("status").isEqualTo(AgentOutcome.Status.COMPLETED);
        assertThat(outcome.elapsed()).as("elapsed").isEqualTo(Duration.ofSeconds(907));
    }

    @Test
    void anEventAtExactlyTheTimeoutIsDeliveredAndOneAfterIsNot() {
        AgentScript script = quick("edge");

        assertThat(runtime.run(script, Duration.ofSeconds(35)).status()).as("finish at the timeout")
                .isEqualTo(AgentOutcome.Status.COMPLETED);
        AgentOutcome cut = runtime.run(script, Duration.ofSeconds(34));
        assertThat(cut.status()).as("finish one second late").isEqualTo(AgentOutcome.Status.TIMED_OUT);
        assertThat(cut.cutAt()).as("cutAt").isEqualTo(Duration.ofSeconds(34));
        assertThat(cut.events()).as("events delivered").hasSize(2);
    }

    @Test
    void theTimeoutBoundsTheWholeStreamNotOnlyItsTail() {
        AgentScript steady = AgentScript.named("steady")
                .emit("thinking", "1", Duration.ofSeconds(100))
                .emit("thinking", "2", Duration.ofSeconds(100))
                .emit("thinking", "3", Duration.ofSeconds(100))
                .finish("done", Duration.ofSeconds(100));

        AgentOutcome outcome = runtime.run(steady, TIMEOUT);

        assertThat(outcome.status()).as("no gap exceeds 300 s, but the stream does").isEqualTo(AgentOutcome.Status.TIMED_OUT);
        assertThat(outcome.events()).as("events").hasSize(3);
    }

    @Test
    void batchAppliesTheTimeoutToEveryItemIndependently() {
        BatchOutcome batch = runtime.runBatch(List.of(quick("a"), stalling(), quick("c")), TIMEOUT);

        assertThat(batch.items()).as("statuses").extracting(AgentOutcome::status).containsExactly(
                AgentOutcome.Status.COMPLETED, AgentOutcome.Status.TIMED_OUT, AgentOutcome.Status.COMPLETED);
        assertThat(batch.completed()).as("completed").isEqualTo(2);
        assertThat(batch.failed()).as("failed").isEqualTo(1);
        AgentOutcome failed = batch.items().get(1);
        assertThat(failed.retryable()).as("a batch item timeout is a failed item, not a retry").isFalse();
        assertThat(failed.cutAt()).as("item cutAt").isEqualTo(TIMEOUT);
        assertThat(failed.message()).as("item message").startsWith("batch item 1 ('stuck') timed out")
                .endsWith("item failed");
        assertThat(batch.items().get(2).elapsed()).as("the third item has its own clock").isEqualTo(Duration.ofSeconds(35));
    }

    @Test
    void scriptsAndTimeoutsAreChecked() {
        assertThatThrownBy(() -> new AgentScript("x", List.of(new AgentStep.Emit("a", "b", Duration.ZERO))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must end with a finish");
        assertThatThrownBy(() -> runtime.run(quick("x"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new AgentStep.Stall(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
