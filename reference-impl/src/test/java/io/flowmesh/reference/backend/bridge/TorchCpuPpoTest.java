package io.flowmesh.reference.backend.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.flowmesh.reference.backend.ppo.UpdateMetrics;
import io.flowmesh.reference.execute.ppo.EarlyStop;
import io.flowmesh.reference.execute.ppo.PpoConfigException;
import io.flowmesh.reference.execute.ppo.PpoOutcome;
import io.flowmesh.reference.execute.ppo.PpoPlan;
import io.flowmesh.reference.execute.ppo.PpoTraining;

/**
 * The bridge's torch PPO engine on CPU, in every build (Debian's {@code python3-torch}): the Java
 * early-stop controller stops it on its streamed {@code objective/kl}, and the same seed gives the same
 * metrics to the last bit. Skips, naming the reason, only where no Python imports torch.
 */
class TorchCpuPpoTest {

    private static PythonBridge bridge;

    @BeforeAll
    static void startBridge() {
        bridge = PythonBridge.start(GpuPrerequisites.launch(GpuPrerequisites.assumeTorch()));
    }

    @AfterAll
    static void stopBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private static PpoOutcome run(PpoPlan plan) {
        return new PpoTraining(new BridgePpoBackend(bridge, BridgePpoOptions.of("torch", "cpu"))).run(plan);
    }

    @Test
    void theTorchEngineRunsOnTheCpu() throws PpoConfigException {
        try (BridgePpoSession session = new BridgePpoBackend(bridge, BridgePpoOptions.of("torch", "cpu"))
                .open(BridgePpoBackendTest.plan(Map.of()).setup())) {
            assertThat(session.engine()).as("engine").isEqualTo("torch");
            assertThat(session.device()).as("device").isEqualTo("cpu");
            assertThat(session.trainerSetup().updatesPlanned()).as("ceil(16 steps x 8 episodes / 8 rollouts)")
                    .isEqualTo(16);
        }
    }

    @Test
    void javaStopsTorchOnTheFirstUpdateWhoseKlIsStrictlyAboveTargetKl() throws PpoConfigException {
        // GIVEN the unarmed run's KL list L, and a threshold equal to an observed KL, L[k], with k > 0
        PpoOutcome unarmed = run(BridgePpoBackendTest.plan(Map.of()));
        List<Double> kl = unarmed.updates().stream().map(UpdateMetrics::kl).collect(Collectors.toList());
        assertThat(kl.get(0)).as("KL of the untrained policy to its own copy").isZero();
        int k = boundary(kl);
        double threshold = kl.get(k);
        int expectedStop = firstAbove(kl, threshold);

        // WHEN the same run is armed at it
        PpoOutcome armed = run(BridgePpoBackendTest.plan(Map.of("early_stopping", true, "target_kl", threshold)));

        // THEN it runs through k (KL equal to the threshold is no stop) and stops on the first greater one
        EarlyStop stop = armed.earlyStop().orElseThrow(() -> new AssertionError("no stop at " + threshold + ": " + kl));
        assertThat(stop.update()).as("stopping update for threshold L[%d] in %s", k, kl).isEqualTo(expectedStop)
                .isGreaterThan(k);
        assertThat(stop.kl()).isEqualTo(kl.get(expectedStop));
        assertThat(armed.updates()).as("arming changes nothing before the stop")
                .isEqualTo(unarmed.updates().subList(0, expectedStop + 1));
        assertThat(armed.savedModel()).as("final model after the stop").isPresent();
        assertThat(armed.savedModel().orElseThrow().updatesTrained()).isEqualTo(expectedStop + 1);
    }

    @Test
    void theSameSeedGivesTheSameMetricsToTheLastBit() throws PpoConfigException {
        PpoPlan plan = BridgePpoBackendTest.plan(Map.of("steps", 6));
        PpoOutcome first = run(plan);
        PpoOutcome second = run(plan);
        assertThat(bits(second.updates())).as("every metric's IEEE bits").isEqualTo(bits(first.updates()));
        assertThat(second.savedModel()).as("saved weights' checksum").isEqualTo(first.savedModel());
        assertThat(bits(run(BridgePpoBackendTest.plan(Map.of("steps", 6, "seed", 8))).updates()))
                .as("another seed samples differently").isNotEqualTo(bits(first.updates()));
    }

    /**
     * The first index k whose KL is positive, not exceeded by any earlier update and strictly exceeded by
     * a later one: armed at L[k], a {@code >=} rule would stop at k, the strict rule later.
     */
    static int boundary(List<Double> kl) {
        for (int k = 1; k < kl.size(); k++) {
            if (kl.get(k) > 0 && firstAbove(kl, kl.get(k)) > k) {
                return k;
            }
        }
        throw new AssertionError("no KL in " + kl + " is a running maximum that a later update exceeds");
    }

    /** The first index whose KL is strictly greater than the threshold, or -1 (written out, not the controller). */
    static int firstAbove(List<Double> kl, double threshold) {
        for (int i = 0; i < kl.size(); i++) {
            if (kl.get(i) > threshold) {
                return i;
            }
        }
        return -1;
    }

    static List<String> bits(List<UpdateMetrics> updates) {
        return updates.stream().map(u -> u.update() + " " + Double.toHexString(u.kl()) + " "
                + Double.toHexString(u.meanReward()) + " " + Double.toHexString(u.policyLoss()) + " "
                + Double.toHexString(u.valueLoss()) + " " + Double.toHexString(u.entropy())).collect(Collectors.toList());
    }
}
