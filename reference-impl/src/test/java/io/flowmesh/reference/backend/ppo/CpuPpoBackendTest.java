package io.flowmesh.reference.backend.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CpuPpoBackendTest {

    private static final List<String> PROMPTS = List.of("The movie was", "I think the food", "Today feels");

    /** 16 rollouts of 16 tokens per update in 4 minibatches, 4 epochs, {@code updates} updates. */
    static PpoSetup setup(long seed, double klCoef, int updates) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("learning_rate", 1.41e-5);
        config.put("seed", seed);
        config.put("per_device_train_batch_size", 16);
        config.put("num_mini_batches", 4);
        config.put("num_ppo_epochs", 4);
        config.put("kl_coef", klCoef);
        config.put("total_episodes", updates * 16);
        config.put("response_length", 16);
        config.put("temperature", 0.9);
        return new PpoSetup("tiny/policy", "main", config, Map.of(), PROMPTS);
    }

    private static List<UpdateMetrics> run(PpoSetup setup) {
        List<UpdateMetrics> metrics = new ArrayList<>();
        try (PpoSession session = new CpuPpoBackend().open(setup)) {
            for (int i = 0; i < session.trainerSetup().updatesPlanned(); i++) {
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
            for (int i = 0; i < session.trainerSetup().updatesPlanned(); i++) {
                session.update();
            }
            return session.save().checksum();
        }
    }

    private static double tailMean(List<UpdateMetrics> metrics) {
        return metrics.subList(metrics.size() - 8, metrics.size()).stream().mapToDouble(UpdateMetrics::kl)
                .average().orElseThrow();
    }

    /** The backend receives the PPOConfig and tokenizer kwargs and reports what it was set up with. */
    @Nested
    class TrainerSetupReport {

        private PpoSetup with(Map<String, Object> extraConfig, Map<String, Object> tokenizer) {
            Map<String, Object> config = new LinkedHashMap<>(setup(1, 0.05, 3).ppoConfig());
            config.putAll(extraConfig);
            return new PpoSetup("tiny/policy", "main", config, tokenizer, List.of("a b c", "a", "a b"));
        }

        @Test
        void theKwargsAreReportedAsReceivedAndTheUpdatesAsTrlDerivesThem() {
            PpoSetup setup = with(Map.of("report_to", List.of("wandb"), "project", "demo"), Map.of());
            try (PpoSession session = new CpuPpoBackend().open(setup)) {
                assertThat(session.trainerSetup().ppoConfig()).as("kwargs as received")
                        .containsExactlyEntriesOf(setup.ppoConfig());
                assertThat(session.trainerSetup().updatesPlanned()).as("ceil(48 episodes / 16 rollouts)").isEqualTo(3);
            }
        }

        @Test
        void anUnknownKwargIsRefusedNamingIt() {
            assertThatThrownBy(() -> new CpuPpoBackend().open(with(Map.of("target_kl", 0.1), Map.of())))
                    .isInstanceOf(PpoBackendException.class)
                    .hasMessageStartingWith("PPOConfig.__init__() got an unexpected keyword argument 'target_kl'");
        }

        @Test
        void aValueTrlWouldRefuseIsRefusedNamingTheKwarg() {
            assertThatThrownBy(() -> new CpuPpoBackend().open(with(Map.of("report_to", 3), Map.of())))
                    .isInstanceOf(PpoBackendException.class).hasMessageContaining("'report_to'");
        }

        @Test
        void theTokenizerPadsOnTheSideItWasSetUpWith() {
            try (PpoSession left = new CpuPpoBackend().open(with(Map.of(), Map.of("padding_side", "left")));
                    PpoSession right = new CpuPpoBackend().open(with(Map.of(), Map.of("padding_side", "right")))) {
                TokenizedPrompts l = left.trainerSetup().prompts();
                TokenizedPrompts r = right.trainerSetup().prompts();
                assertThat(l.paddingSide()).isEqualTo("left");
                assertThat(l.attentionMask()).as("left mask").containsExactly(
                        List.of(1L, 1L, 1L), List.of(0L, 0L, 1L), List.of(0L, 1L, 1L));
                assertThat(r.attentionMask()).as("right mask").containsExactly(
                        List.of(1L, 1L, 1L), List.of(1L, 0L, 0L), List.of(1L, 1L, 0L));
                assertThat(l.inputIds().get(1)).as("left-padded 'a'").startsWith(0L, 0L).last().isNotEqualTo(0L);
                assertThat(r.inputIds().get(1)).as("right-padded 'a'").endsWith(0L, 0L)
                        .first().isEqualTo(l.inputIds().get(1).get(2));
            }
        }

        @Test
        void withoutPaddingSideTheTokenizerPadsOnTheRight() {
            try (PpoSession session = new CpuPpoBackend().open(with(Map.of(), Map.of()))) {
                assertThat(session.trainerSetup().prompts().paddingSide()).isEqualTo("right");
            }
        }

        @Test
        void aPaddingSideOtherThanLeftOrRightIsRefused() {
            assertThatThrownBy(() -> new CpuPpoBackend().open(with(Map.of(), Map.of("padding_side", "middle"))))
                    .isInstanceOf(PpoBackendException.class).hasMessageContaining("'right' and 'left'");
        }
    }
}
