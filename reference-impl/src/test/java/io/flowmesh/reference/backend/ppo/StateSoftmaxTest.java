package io.flowmesh.reference.backend.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class StateSoftmaxTest {

    @Test
    void everyStateGetsTheSoftmaxAndLogarithmsComputedAnewBitForBit() {
        double[] theta = TinyPolicyModel.initialPolicy(new SplittableRandom(5));
        StateSoftmax remembered = new StateSoftmax(theta, 0.7);
        for (int context = 0; context < TinyPolicyModel.CONTEXTS; context++) {
            for (int previous = 0; previous <= TinyPolicyModel.VOCABULARY; previous++) {
                double[] direct = new double[TinyPolicyModel.VOCABULARY];
                TinyPolicyModel.probabilities(theta, context, previous, 0.7, direct);
                double[] logs = new double[direct.length];
                for (int k = 0; k < direct.length; k++) {
                    logs[k] = StrictMath.log(direct[k]);
                }
                // Asked twice: the second answer is the remembered one.
                remembered.logarithms(context, previous);
                assertThat(remembered.probabilities(context, previous)).as("p(. | %d, %d)", context, previous).isEqualTo(direct);
                assertThat(remembered.logarithms(context, previous)).as("log p(. | %d, %d)", context, previous).isEqualTo(logs);
            }
        }
    }

    @Test
    void forgettingPicksUpChangedParameters() {
        double[] theta = TinyPolicyModel.initialPolicy(new SplittableRandom(5));
        StateSoftmax remembered = new StateSoftmax(theta, 1.0);
        double before = remembered.probabilities(1, 2)[0];
        for (int i = 0; i < theta.length; i++) {
            theta[i] += i % 3;
        }

        assertThat(remembered.probabilities(1, 2)[0]).as("until forgotten, the values of the old parameters").isEqualTo(before);
        remembered.forget();
        assertThat(remembered.probabilities(1, 2)[0]).as("after forget").isNotEqualTo(before);
    }

    /**
     * The tiny PPO's KL, losses, entropy and final weights for one seed, recorded (as hex doubles) from the
     * engine as it was before it remembered softmaxes per state: the cut must not move a bit of them.
     */
    @Test
    void theTinyPpoIsBitForBitWhatItWasBeforeItRememberedSoftmaxes() {
        List<String> updates = new ArrayList<>();
        String checksum;
        try (PpoSession session = new CpuPpoBackend().open(CpuPpoBackendTest.setup(11, 0.05, 6))) {
            for (int i = 0; i < 6; i++) {
                UpdateMetrics m = session.update();
                updates.add(Double.toHexString(m.kl()) + " " + Double.toHexString(m.policyLoss()) + " "
                        + Double.toHexString(m.valueLoss()) + " " + Double.toHexString(m.entropy()));
            }
            checksum = session.save().checksum();
        }

        assertThat(updates).containsExactly(
                "0x0.0p0 -0x1.6dd9cc972fdeap-5 0x1.0b4604963cf4bp-7 0x1.318c6a83a3749p1",
                "0x1.6b7f0d45dd20bp-2 -0x1.c0ceb8d4b0306p-6 0x1.28d0cf5ccc266p-8 0x1.2ac858a9a3d99p1",
                "0x1.d6fb4a8bea15cp-1 -0x1.255e67ce05fe2p-6 0x1.1c060ca0e7c35p-8 0x1.2120649416d75p1",
                "0x1.2eed0b1b7a512p1 -0x1.5c8a3513b5ee8p-6 0x1.e1e2d15da967bp-9 0x1.18c205b93d4d8p1",
                "0x1.ffc16c3738948p0 -0x1.59f248d6be72p-6 0x1.133fdf529b044p-8 0x1.1856a015f0f1ap1",
                "0x1.3a3e94326a185p1 -0x1.ee2795adaa802p-7 0x1.0b382a2721bc4p-9 0x1.154632bf87d2cp1");
        assertThat(checksum).as("the saved weights").isEqualTo("sha256:27fc7ac68fc1440a52da548bdb24a1fafa9a843d55089d3c0bf5a0dd0e7a342e");
    }
}
