package io.flowmesh.reference.execute.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import io.flowmesh.reference.backend.ppo.UpdateMetrics;

class EarlyStopControllerTest {

    private static UpdateMetrics kl(int update, double kl) {
        return new UpdateMetrics(update, kl, 0, 0, 0, 1);
    }

    @Test
    void stopsOnlyWhenKlIsStrictlyAboveTheThreshold() {
        EarlyStopController controller = new EarlyStopController(EarlyStopSettings.armed(0.5));
        assertThat(controller.observe(kl(0, 0.1))).isEmpty();
        assertThat(controller.observe(kl(1, 0.5))).as("KL equal to target_kl").isEmpty();
        assertThat(controller.observe(kl(2, 0.5000001))).as("KL just above target_kl")
                .contains(new EarlyStop(2, 0.5000001, 0.5));
        assertThat(controller.decision()).contains(new EarlyStop(2, 0.5000001, 0.5));
        assertThatThrownBy(() -> controller.observe(kl(3, 0.0))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aThresholdWithoutEarlyStoppingNeverStops() {
        EarlyStopController controller = new EarlyStopController(new EarlyStopSettings(false, OptionalDouble.of(0.01)));
        for (int i = 0; i < 5; i++) {
            assertThat(controller.observe(kl(i, 100.0))).as("update %d", i).isEmpty();
        }
        assertThat(controller.decision()).isEmpty();
    }

    @Test
    void theLogLineNamesKlAndThreshold() {
        assertThat(new EarlyStop(4, 0.75, 0.5).message())
                .isEqualTo("PPO early stop after update 4: objective/kl 0.750000 > target_kl 0.500000");
    }
}
