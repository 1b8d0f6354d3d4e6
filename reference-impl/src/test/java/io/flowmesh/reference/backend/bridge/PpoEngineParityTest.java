package io.flowmesh.reference.backend.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.flowmesh.reference.backend.ppo.CpuPpoBackend;
import io.flowmesh.reference.backend.ppo.PpoBackend;
import io.flowmesh.reference.backend.ppo.UpdateMetrics;
import io.flowmesh.reference.execute.ppo.EarlyStop;
import io.flowmesh.reference.execute.ppo.PpoConfigException;
import io.flowmesh.reference.execute.ppo.PpoOutcome;
import io.flowmesh.reference.execute.ppo.PpoTraining;

/**
 * The three PPO engines (the in-process Java CPU session, the bridge's pure-Python engine and its
 * torch engine) agree on the stop rule: each reports the same KL, TRL 0.23's sampled {@code k1}
 * {@code objective/kl} (exactly 0 while the policy is its reference, and able to go negative, which the
 * exact KL never does), and each stops where the rule says on a boundary case built from its own
 * unarmed KL list. The Python tests {@code test_kl_definition.py} recompute the k1 value from the pure
 * and torch models' probabilities on fixed tokens.
 */
class PpoEngineParityTest {

    /** Keeps the policy near its reference, where the k1 estimate's sampling noise shows. */
    private static final Map<String, Object> NEAR_REFERENCE = Map.of("learning_rate", 2e-7);

    private static PythonBridge bridge;

    @AfterAll
    static void stopBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private static PpoBackend engine(String name) {
        if (name.equals("java")) {
            return new CpuPpoBackend();
        }
        String python = name.equals("torch") ? GpuPrerequisites.assumeTorch() : pythonForPure();
        synchronized (PpoEngineParityTest.class) {
            if (bridge == null) {
                bridge = PythonBridge.start(GpuPrerequisites.launch(GpuPrerequisites.torchPython().orElse(python)));
            }
        }
        return new BridgePpoBackend(bridge, BridgePpoOptions.of(name, "cpu"));
    }

    private static String pythonForPure() {
        GpuPrerequisites.assumePython();
        return GpuPrerequisites.python();
    }

    private static List<Double> kl(PpoOutcome outcome) {
        return outcome.updates().stream().map(UpdateMetrics::kl).collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java", "pure", "torch"})
    void theUntrainedPolicyHasAKlOfExactlyZero(String name) throws PpoConfigException {
        PpoOutcome outcome = new PpoTraining(engine(name)).run(BridgePpoBackendTest.plan(Map.of("steps", 2)));
        assertThat(kl(outcome).get(0)).as("%s: update 0 samples from the reference itself", name).isEqualTo(0.0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java", "pure", "torch"})
    void theKlIsTheSampledK1EstimateWhichTheExactKlIsNot(String name) throws PpoConfigException {
        List<Double> kl = kl(new PpoTraining(engine(name)).run(BridgePpoBackendTest.plan(NEAR_REFERENCE)));
        assertThat(kl).as("%s: a KL below 0 (impossible for the exact KL): %s", name, kl).anySatisfy(v ->
                assertThat(v).isNegative());
        assertThat(kl).as("%s: and one above 0", name).anySatisfy(v -> assertThat(v).isPositive());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java", "pure", "torch"})
    void armedAtAnObservedKlEachEngineStopsOnTheFirstStrictlyGreaterUpdate(String name) throws PpoConfigException {
        // GIVEN the unarmed KL list L of a run that drifts from its reference
        PpoTraining training = new PpoTraining(engine(name));
        List<Double> kl = kl(training.run(BridgePpoBackendTest.plan(Map.of())));
        int k = TorchCpuPpoTest.boundary(kl);
        int expected = TorchCpuPpoTest.firstAbove(kl, kl.get(k));

        // WHEN armed at target_kl = L[k]
        Map<String, Object> armed = Map.of("early_stopping", true, "target_kl", kl.get(k));
        PpoOutcome outcome = training.run(BridgePpoBackendTest.plan(armed));

        // THEN the stop is the first update strictly above L[k], never k itself
        EarlyStop stop = outcome.earlyStop().orElseThrow(() -> new AssertionError(name + ": no stop in " + kl));
        assertThat(stop.update()).as("%s: threshold L[%d] of %s", name, k, kl).isEqualTo(expected).isGreaterThan(k);
        assertThat(stop.threshold()).isEqualTo(kl.get(k));
        assertThat(kl(outcome)).as("%s: the KL of every update run, as unarmed", name).isEqualTo(kl.subList(0, expected + 1));
    }
}
