package io.flowmesh.reference.execute.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowmesh.reference.backend.ppo.CpuPpoBackend;
import io.flowmesh.reference.backend.ppo.PpoBackend;
import io.flowmesh.reference.backend.ppo.PpoSession;
import io.flowmesh.reference.backend.ppo.PpoSetup;
import io.flowmesh.reference.backend.ppo.SavedModel;
import io.flowmesh.reference.backend.ppo.TokenizedPrompts;
import io.flowmesh.reference.backend.ppo.TrainerSetup;
import io.flowmesh.reference.backend.ppo.UpdateMetrics;

class PpoTrainingTest {

    private static final List<String> PROMPTS = List.of("The movie was", "I think the food", "Today feels");

    /** A template-like training section; {@code overrides} null values remove a key. */
    static Map<String, Object> training(Map<String, Object> overrides) {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("learning_rate", 1.41e-5);
        training.put("batch_size", 16);
        training.put("mini_batch_size", 4);
        training.put("steps", 32);
        training.put("ppo_epochs", 4);
        training.put("kl_coef", 0.05);
        training.put("seed", 7);
        overrides.forEach((key, value) -> {
            if (value == null) {
                training.remove(key);
            } else {
                training.put(key, value);
            }
        });
        return training;
    }

    static PpoPlan plan(Map<String, Object> overrides) throws PpoConfigException {
        return PpoPlan.from(training(overrides), Map.of("max_new_tokens", 16, "temperature", 0.9),
                Map.of("type", "sentiment"), "tiny/policy", "main", PROMPTS);
    }

    private static PpoOutcome run(PpoPlan plan) {
        return new PpoTraining(new CpuPpoBackend()).run(plan);
    }

    @Test
    void lowTargetKlStopsEarlyAtAReproducibleUpdateAndStillSaves() throws PpoConfigException {
        PpoPlan plan = plan(Map.of("early_stopping", true, "target_kl", 1.0));

        PpoOutcome first = run(plan);
        PpoOutcome second = run(plan);

        assertThat(first.earlyStop()).as("early stop with target_kl 1.0").isPresent();
        EarlyStop stop = first.earlyStop().orElseThrow();
        assertThat(second.earlyStop()).as("the second run stops at the same update with the same KL")
                .contains(stop);
        assertThat(stop.update()).as("stop update").isBetween(1, 30);
        assertThat(first.updatesRun()).as("updates run").isEqualTo(stop.update() + 1);
        assertThat(first.updatesPlanned()).isEqualTo(32);
        List<UpdateMetrics> updates = first.updates();
        assertThat(stop.kl()).as("KL of the stopping update").isEqualTo(updates.get(stop.update()).kl())
                .isGreaterThan(1.0);
        assertThat(stop.threshold()).isEqualTo(1.0);
        assertThat(updates.subList(0, stop.update())).as("updates before the stop")
                .allSatisfy(u -> assertThat(u.kl()).isLessThanOrEqualTo(1.0));
        assertThat(first.savedModel()).as("final model after an early stop").isPresent();
        assertThat(first.savedModel().orElseThrow().updatesTrained()).isEqualTo(first.updatesRun());
        assertThat(second.savedModel()).isEqualTo(first.savedModel());
    }

    @Test
    void highTargetKlRunsEveryUpdate() throws PpoConfigException {
        PpoOutcome outcome = run(plan(Map.of("early_stopping", "yes", "target_kl", 1000.0)));
        assertThat(outcome.earlyStop()).isEmpty();
        assertThat(outcome.updatesRun()).isEqualTo(32);
        assertThat(outcome.savedModel().orElseThrow().updatesTrained()).isEqualTo(32);
    }

    @Test
    void klCoefShapesTheKlTrajectoryButNeverArmsTheStop() throws PpoConfigException {
        Map<String, Object> loose = new LinkedHashMap<>();
        loose.put("kl_coef", 0.0);
        loose.put("target_kl", 0.01);
        Map<String, Object> tight = new LinkedHashMap<>(loose);
        tight.put("kl_coef", 0.5);

        PpoOutcome looseRun = run(plan(loose));
        PpoOutcome tightRun = run(plan(tight));

        assertThat(looseRun.earlyStop()).as("target_kl without early_stopping").isEmpty();
        assertThat(tightRun.earlyStop()).as("target_kl without early_stopping").isEmpty();
        assertThat(looseRun.updatesRun()).isEqualTo(32);
        assertThat(tightRun.updatesRun()).isEqualTo(32);
        assertThat(kls(tightRun)).as("KL sequence, kl_coef 0.5 vs 0.0").isNotEqualTo(kls(looseRun));
        assertThat(tailMeanKl(tightRun)).as("mean KL over the last 8 updates, kl_coef 0.5 vs 0.0")
                .isLessThan(tailMeanKl(looseRun));
    }

    @Test
    void earlyStoppingFalseAsAStringArmsNothing() throws PpoConfigException {
        PpoOutcome outcome = run(plan(Map.of("early_stopping", "false", "target_kl", 0.01)));
        assertThat(outcome.earlyStop()).as("early_stopping \"false\"").isEmpty();
        assertThat(outcome.updatesRun()).isEqualTo(32);
    }

    @Test
    void saveModelFalseSkipsTheFinalSave() throws PpoConfigException {
        PpoOutcome outcome = run(plan(Map.of("save_model", false, "steps", 2)));
        assertThat(outcome.savedModel()).isEmpty();
        assertThat(outcome.updatesRun()).isEqualTo(2);
    }

    @Test
    void theOutcomeCarriesWhatTheBackendReportsNotThePlanAndRunsTheUpdatesItPlans() throws PpoConfigException {
        // A backend whose trainer kept only kl_coef, padded on the left and plans 2 updates.
        TrainerSetup reported = new TrainerSetup(Map.of("kl_coef", 0.5),
                new TokenizedPrompts("left", List.of(List.of(0L, 7L)), List.of(List.of(0L, 1L))), 2);
        List<PpoSetup> handed = new ArrayList<>();
        PpoBackend backend = setup -> {
            handed.add(setup);
            PpoSession cpu = new CpuPpoBackend().open(setup);
            return new PpoSession() {
                @Override
                public TrainerSetup trainerSetup() {
                    return reported;
                }

                @Override
                public UpdateMetrics update() {
                    return cpu.update();
                }

                @Override
                public SavedModel save() {
                    return cpu.save();
                }

                @Override
                public void close() {
                    cpu.close();
                }
            };
        };
        PpoPlan plan = plan(Map.of("padding_side", "right"));

        PpoOutcome outcome = new PpoTraining(backend).run(plan);

        assertThat(handed).as("setups handed to the backend").singleElement()
                .satisfies(s -> assertThat(s.ppoConfig()).as("PPOConfig kwargs handed over").isEqualTo(plan.trlConfig()))
                .satisfies(s -> assertThat(s.tokenizerKwargs()).as("tokenizer kwargs handed over")
                        .isEqualTo(Map.of("padding_side", "right")));
        assertThat(outcome.setup()).as("setup in the outcome").isSameAs(reported);
        assertThat(outcome.updatesPlanned()).as("updates planned").isEqualTo(2);
        assertThat(outcome.updatesRun()).as("updates run: the trainer's plan, not the template's 32 steps").isEqualTo(2);
    }

    private static List<Double> kls(PpoOutcome outcome) {
        return outcome.updates().stream().map(UpdateMetrics::kl).toList();
    }

    private static double tailMeanKl(PpoOutcome outcome) {
        List<Double> kls = kls(outcome);
        return kls.subList(kls.size() - 8, kls.size()).stream().mapToDouble(Double::doubleValue).average()
                .orElseThrow();
    }
}
