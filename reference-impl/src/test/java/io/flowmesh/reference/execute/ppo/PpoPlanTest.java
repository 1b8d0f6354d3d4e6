package io.flowmesh.reference.execute.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.flowmesh.reference.backend.ppo.PpoTrainerArgs;

class PpoPlanTest {

    private static final List<String> PROMPTS = List.of("The movie was", "I think");
    private static final List<String> FORBIDDEN_TRL_NAMES = List.of("target_kl", "early_stopping", "log_with",
            "tracker_project_name", "padding_side", "do_sample", "optimize_cuda_cache", "ppo_epochs", "steps",
            "batch_size", "mini_batch_size", "max_new_tokens", "save_model", "save_freq");

    /** A training section as the upstream PPO templates write it. */
    static Map<String, Object> templateTraining() {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("learning_rate", 1.41e-5);
        training.put("batch_size", 16);
        training.put("mini_batch_size", 4);
        training.put("gradient_accumulation_steps", 1);
        training.put("steps", 20);
        training.put("ppo_epochs", 4);
        training.put("kl_coef", 0.05);
        training.put("target_kl", 0.1);
        training.put("early_stopping", true);
        training.put("seed", 42);
        training.put("save_model", true);
        training.put("save_freq", 10);
        training.put("log_with", "wandb");
        training.put("tracker_project_name", "flowmesh-ppo");
        training.put("padding_side", "left");
        training.put("optimize_cuda_cache", true);
        return training;
    }

    static Map<String, Object> templateGeneration() {
        Map<String, Object> generation = new LinkedHashMap<>();
        generation.put("max_new_tokens", 32);
        generation.put("temperature", 0.7);
        generation.put("do_sample", true);
        return generation;
    }

    private static PpoPlan plan(Map<String, Object> training) throws PpoConfigException {
        return PpoPlan.from(training, templateGeneration(), Map.of("identifier", "lvwerra/distilbert-imdb",
                "type", "sentiment"), "gpt2", "main", PROMPTS);
    }

    private static PpoConfigException rejection(Map<String, Object> training, Map<String, Object> generation) {
        return catchThrowableOfType(PpoConfigException.class, () -> PpoPlan.from(training, generation,
                Map.of("type", "sentiment"), "gpt2", "main", PROMPTS));
    }

    @Test
    void templateSectionsMapToExactlyTheseTrlKwargs() throws PpoConfigException {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("learning_rate", 1.41e-5);
        expected.put("seed", 42);
        expected.put("per_device_train_batch_size", 16);
        expected.put("gradient_accumulation_steps", 1);
        expected.put("num_mini_batches", 4);
        expected.put("num_ppo_epochs", 4);
        expected.put("kl_coef", 0.05);
        expected.put("total_episodes", 20 * 16 * 1);
        expected.put("response_length", 32);
        expected.put("temperature", 0.7);
        expected.put("report_to", List.of("wandb"));
        expected.put("project", "flowmesh-ppo");
        expected.put("save_strategy", "steps");
        expected.put("save_steps", 10);

        PpoPlan plan = plan(templateTraining());

        assertThat(plan.trlConfig()).as("PPOConfig kwargs, in order").containsExactlyEntriesOf(expected);
        assertThat(plan.trlConfig()).as("TRL <= 0.11 names and template-only names")
                .doesNotContainKeys(FORBIDDEN_TRL_NAMES.toArray(String[]::new));
        assertThat(plan.tokenizerKwargs()).as("tokenizer kwargs").containsExactlyEntriesOf(Map.of("padding_side", "left"));
        assertThat(plan.earlyStop()).as("early stop").isEqualTo(EarlyStopSettings.armed(0.1));
        assertThat(plan.saveFinalModel()).isTrue();
        assertThat(plan.setup().ppoConfig()).as("the kwargs handed to the backend").isEqualTo(plan.trlConfig());
        assertThat(plan.setup().tokenizerKwargs()).as("tokenizer kwargs handed over").isEqualTo(plan.tokenizerKwargs());
        PpoTrainerArgs trainer = PpoTrainerArgs.from(plan.trlConfig(), PROMPTS.size());
        assertThat(trainer.updates()).as("one template step is one PPO update, as TRL derives it").isEqualTo(20);
        assertThat(trainer.rolloutBatchSize()).as("TRL 0.23 local_batch_size: per_device_train_batch_size x "
                + "gradient_accumulation_steps, no num_mini_batches factor").isEqualTo(16);
        assertThat(trainer.miniBatchSize()).as("local_mini_batch_size: 16 / 4 minibatches").isEqualTo(4);
        assertThat(trainer.miniBatches()).isEqualTo(4);
        assertThat(trainer.klCoef()).as("kl_coef, never target_kl").isEqualTo(0.05);
        assertThat(plan.warnings()).as("warnings: the keys TRL 0.23 lacks are the executor's to warn about, "
                + "as keys it does not read").isEmpty();
    }

    static List<Arguments> logWithCases() {
        return List.of(
                Arguments.of(null, "none"),
                Arguments.of("", "none"),
                Arguments.of("tensorboard", List.of("tensorboard")),
                Arguments.of(List.of("wandb", "trackio"), List.of("wandb", "trackio")),
                Arguments.of(List.of(), List.of()));
    }

    @ParameterizedTest(name = "log_with {0} -> report_to {1}")
    @MethodSource("logWithCases")
    void logWithMapsToReportToByUpstreamRules(Object logWith, Object reportTo) throws PpoConfigException {
        Map<String, Object> training = templateTraining();
        training.put("log_with", logWith);
        assertThat(plan(training).trlConfig()).containsEntry("report_to", reportTo).doesNotContainKey("log_with");
    }

    @Test
    void absentLogWithReportsToNone() throws PpoConfigException {
        Map<String, Object> training = templateTraining();
        training.remove("log_with");
        training.remove("tracker_project_name");
        assertThat(plan(training).trlConfig()).containsEntry("report_to", "none").doesNotContainKey("project");
    }

    @Test
    void logWithOfAnotherTypeIsRejected() {
        for (Object bad : List.of(3, true, Map.of("name", "wandb"), Arrays.asList("wandb", 7))) {
            Map<String, Object> training = templateTraining();
            training.put("log_with", bad);
            PpoConfigException e = rejection(training, templateGeneration());
            assertThat(e).as("log_with %s", bad).isNotNull();
            assertThat(e.keyPath()).isEqualTo("training/log_with");
        }
    }

    @Test
    void targetKlWithoutEarlyStoppingArmsNothingAndSaysSo() throws PpoConfigException {
        Map<String, Object> training = templateTraining();
        training.remove("early_stopping");
        PpoPlan plan = plan(training);
        assertThat(plan.earlyStop().enabled()).as("early stop armed").isFalse();
        assertThat(plan.earlyStop().targetKl()).hasValue(0.1);
        assertThat(plan.trlConfig()).as("target_kl never aliased").containsEntry("kl_coef", 0.05)
                .doesNotContainValue(0.1);
        assertThat(plan.warnings()).filteredOn(w -> w.keyPath().equals("training/target_kl")).singleElement()
                .extracting(PpoWarning::message).asString().contains("early_stopping is not true");
    }

    @ParameterizedTest(name = "early_stopping {0} is on")
    @MethodSource("truthy")
    void truthyEarlyStoppingValuesArmTheStop(Object value) throws PpoConfigException {
        Map<String, Object> training = templateTraining();
        training.put("early_stopping", value);
        assertThat(plan(training).earlyStop().enabled()).as("early_stopping %s", value).isTrue();
    }

    static List<Object> truthy() {
        return List.of(true, "true", "True", "yes", "on", "1", 1);
    }

    @ParameterizedTest(name = "early_stopping {0} is off")
    @MethodSource("falsy")
    void falsyEarlyStoppingValuesIncludingTheStringFalseArmNothing(Object value) throws PpoConfigException {
        Map<String, Object> training = templateTraining();
        training.put("early_stopping", value);
        assertThat(plan(training).earlyStop().enabled()).as("early_stopping %s", value).isFalse();
    }

    static List<Object> falsy() {
        return List.of(false, "false", "FALSE", "no", "off", "0", 0);
    }

    @ParameterizedTest(name = "early_stopping {0} is rejected")
    @MethodSource("notBooleans")
    void otherEarlyStoppingValuesAreRejected(Object value) {
        Map<String, Object> training = templateTraining();
        training.put("early_stopping", value);
        PpoConfigException e = rejection(training, templateGeneration());
        assertThat(e).as("early_stopping %s", value).isNotNull();
        assertThat(e.keyPath()).isEqualTo("training/early_stopping");
        assertThat(e.getMessage()).contains("expected a boolean");
    }

    static List<Object> notBooleans() {
        return List.of("maybe", "", 2, 0.5, List.of(true));
    }

    @Test
    void saveModelFalseTurnsCheckpointsAndTheFinalSaveOff() throws PpoConfigException {
        Map<String, Object> training = templateTraining();
        training.put("save_model", "false");
        PpoPlan plan = plan(training);
        assertThat(plan.saveFinalModel()).isFalse();
        assertThat(plan.trlConfig()).containsEntry("save_strategy", "no").doesNotContainKey("save_steps");
        assertThat(plan.warnings()).extracting(PpoWarning::keyPath).contains("training/save_freq");
    }

    @Test
    void topKAndTopPReachNoTrlKwarg() throws PpoConfigException {
        Map<String, Object> generation = templateGeneration();
        generation.put("top_k", 50);
        generation.put("top_p", 0.9);
        PpoPlan plan = PpoPlan.from(templateTraining(), generation, null, "gpt2", null, PROMPTS);
        assertThat(plan.trlConfig()).doesNotContainKeys("top_k", "top_p");
    }

    @Test
    void emptySectionsUseTrlDefaultsForTheSetupAndHandOverOnlyReportTo() throws PpoConfigException {
        PpoPlan plan = PpoPlan.from(null, null, null, "gpt2", null, List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"));
        assertThat(plan.trlConfig()).containsExactlyEntriesOf(Map.of("report_to", "none"));
        assertThat(plan.tokenizerKwargs()).isEmpty();
        assertThat(plan.earlyStop()).isEqualTo(EarlyStopSettings.off());
        PpoTrainerArgs trainer = PpoTrainerArgs.from(plan.trlConfig(), 9);
        assertThat(trainer.rolloutBatchSize()).as("TRL's default batch").isEqualTo(8);
        assertThat(trainer.updates()).as("ceil(3 epochs * 9 prompts / 8)").isEqualTo(4);
    }

    static List<Arguments> invalidTraining() {
        return List.of(
                Arguments.of("early_stopping", true, "target_kl", null, "training/target_kl"),
                Arguments.of("early_stopping", true, "target_kl", 0, "training/target_kl"),
                Arguments.of("early_stopping", true, "target_kl", -0.5, "training/target_kl"),
                Arguments.of("target_kl", "0.1", "early_stopping", true, "training/target_kl"),
                Arguments.of("batch_size", 16, "mini_batch_size", 5, "training/mini_batch_size"),
                Arguments.of("batch_size", 4, "mini_batch_size", 8, "training/mini_batch_size"),
                Arguments.of("batch_size", "16", "steps", 2, "training/batch_size"),
                Arguments.of("steps", 0, "seed", 1, "training/steps"),
                Arguments.of("ppo_epochs", 2.5, "seed", 1, "training/ppo_epochs"),
                Arguments.of("learning_rate", 0, "seed", 1, "training/learning_rate"),
                Arguments.of("kl_coef", -0.1, "seed", 1, "training/kl_coef"),
                Arguments.of("seed", -1, "steps", 2, "training/seed"),
                Arguments.of("padding_side", "middle", "seed", 1, "training/padding_side"),
                Arguments.of("tracker_project_name", 5, "seed", 1, "training/tracker_project_name"),
                Arguments.of("save_model", "sometimes", "seed", 1, "training/save_model"),
                Arguments.of("save_freq", 0, "seed", 1, "training/save_freq"));
    }

    @ParameterizedTest(name = "{0}={1}, {2}={3} -> {4}")
    @MethodSource("invalidTraining")
    void invalidTrainingValuesAreRejectedWithTheirKey(String key, Object value, String otherKey, Object otherValue,
            String keyPath) {
        Map<String, Object> training = templateTraining();
        training.put(key, value);
        training.put(otherKey, otherValue);
        PpoConfigException e = rejection(training, templateGeneration());
        assertThat(e).as("%s=%s with %s=%s", key, value, otherKey, otherValue).isNotNull();
        assertThat(e.keyPath()).isEqualTo(keyPath);
        assertThat(e.getMessage()).as("one-line message").doesNotContain("\n").isNotBlank();
    }

    @ParameterizedTest(name = "generation/{0} rejected")
    @ValueSource(strings = {"max_new_tokens", "temperature"})
    void invalidGenerationValuesAreRejectedWithTheirKey(String key) {
        Map<String, Object> generation = templateGeneration();
        generation.put(key, 0);
        PpoConfigException e = rejection(templateTraining(), generation);
        assertThat(e).isNotNull();
        assertThat(e.keyPath()).isEqualTo("generation/" + key);
    }

    @Test
    void missingPromptsPolicyOrWrongRewardTypeAreRejected() {
        assertThat(catchThrowableOfType(PpoConfigException.class,
                () -> PpoPlan.from(null, null, null, "gpt2", null, List.of())).keyPath()).isEqualTo("data/prompts");
        assertThat(catchThrowableOfType(PpoConfigException.class,
                () -> PpoPlan.from(null, null, null, " ", null, PROMPTS)).keyPath()).isEqualTo("model/source/identifier");
        assertThat(catchThrowableOfType(PpoConfigException.class,
                () -> PpoPlan.from(null, null, Map.of("type", "toxicity"), "gpt2", null, PROMPTS)).keyPath())
                .isEqualTo("reward_model/type");
    }
}
