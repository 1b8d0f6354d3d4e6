package io.flowmesh.reference.backend.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class CpuPpoBackendTest {

    private static final List<String> PROMPTS = List.of("The movie was", "I think the food", "Today feels");

    static PpoSetup setup(long seed, double klCoef, int updates) {
        return new PpoSetup("tiny/policy", "main", seed, 1.41e-5, 16, 4, 4, klCoef, 16, 0.9, updates, PROMPTS);
    }

    private static List<UpdateMetrics> run(PpoSetup setup) {
        List<UpdateMetrics> metrics = new ArrayList<>();
        try (PpoSession session = new CpuPpoBackend().open(setup)) {
            for (int i = 0; i < setup.updates(); i++) {
                metrics.add(session.update());
            }
        }
        return metrics;
    }

    @Test
    void sameSeedGivesBitwiseIdenticalMetricsAndWeights() {
        PpoSetup setup = setup(11, 0.05, 12);
        List<UpdateMetrics> first = run(setup);
        List<UpdateMetrics> second = run(setup);
        assertThat(second).as("metrics of two runs with seed 11").isEqualTo(first);
        assertThat(checksumAfter(setup)).as("saved weights of two runs with seed 11").isEqualTo(checksumAfter(setup));
        assertThat(run(setup(12, 0.05, 12))).as("a different seed samples differently").isNotEqualTo(first);
    }

    @Test
    void policyStartsOnItsReferenceAndDriftsTowardsReward() {
        List<UpdateMetrics> metrics = run(setup(3, 0.0, 24));
        assertThat(metrics.get(0).kl()).as("KL of the untrained policy to its own copy").isZero();
        assertThat(metrics.get(23).kl()).as("KL after 23 unpenalised updates").isGreaterThan(1.0);
        assertThat(metrics.get(23).meanReward()).as("reward after training vs before")
                .isGreaterThan(metrics.get(0).meanReward() + 0.3);
        assertThat(metrics).extracting(UpdateMetrics::update).as("update indices")
                .containsExactlyElementsOf(IntStream.range(0, 24).boxed().toList());
        assertThat(metrics).allSatisfy(m -> assertThat(m.entropy()).as("entropy per token").isPositive());
    }

    @Test
    void higherKlCoefKeepsThePolicyCloserToItsReference() {
        List<UpdateMetrics> loose = run(setup(5, 0.0, 32));
        List<UpdateMetrics> tight = run(setup(5, 0.5, 32));
        assertThat(tight).extracting(UpdateMetrics::kl).as("KL sequence with kl_coef 0.5 vs 0.0")
                .isNotEqualTo(loose.stream().map(UpdateMetrics::kl).toList());
        assertThat(tailMean(tight)).as("mean KL of the last 8 updates, kl_coef 0.5 vs 0.0")
                .isLessThan(tailMean(loose));
    }

    @Test
    void saveReportsUpdatesTrainedAndAChecksumThatFollowsTheWeights() {
        try (PpoSession session = new CpuPpoBackend().open(setup(1, 0.05, 3))) {
            SavedModel untrained = session.save();
            session.update();
            SavedModel trained = session.save();
            assertThat(untrained.updatesTrained()).isZero();
            assertThat(trained.updatesTrained()).isEqualTo(1);
            assertThat(trained.checksum()).as("checksum after an update").isNotEqualTo(untrained.checksum())
                    .startsWith("sha256:");
        }
    }

    @Test
    void aClosedSessionRefusesWork() {
        PpoSession session = new CpuPpoBackend().open(setup(1, 0.05, 3));
        session.close();
        assertThatThrownBy(session::update).isInstanceOf(PpoBackendException.class).hasMessageContaining("closed");
    }

    private static String checksumAfter(PpoSetup setup) {
        try (PpoSession session = new CpuPpoBackend().open(setup)) {
            for (int i = 0; i < setup.updates(); i++) {
                session.update();
            }
            return session.save().checksum();
        }
    }

    private static double tailMean(List<UpdateMetrics> metrics) {
        return metrics.subList(metrics.size() - 8, metrics.size()).stream().mapToDouble(UpdateMetrics::kl)
                .average().orElseThrow();
    }
}
