package io.flowmesh.reference.execute;

import static io.flowmesh.reference.execute.TemplateRuns.completed;
import static io.flowmesh.reference.execute.TemplateRuns.lineOf;
import static io.flowmesh.reference.execute.TemplateRuns.onlyViolation;
import static io.flowmesh.reference.execute.TemplateRuns.rejected;
import static io.flowmesh.reference.execute.TemplateRuns.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.RunResult;

/**
 * The PPO executor end to end: FlowMesh's KL early stop, the mapping of the template's training keys to
 * TRL's PPOConfig, and the tokenizer setup it owns.
 */
class PpoExecutorBehaviourTest {

    private static final int STEPS = 12;
    private static final double LOW_TARGET_KL = 0.3;

    /** A PPO template; {@code %s} are extra {@code training} lines. */
    private static final String TEMPLATE = """
            apiVersion: flowmesh/v1
            kind: PPOTask
            metadata: {name: ppo-check}
            spec:
              taskType: ppo
              model:
                source: {type: huggingface, identifier: openai-community/gpt2, revision: main}
              resources:
                hardware: {cpu: "8", memory: 32Gi, gpu: {type: any, count: 1}}
              training:
                learning_rate: 0.0000141
                batch_size: 8
                mini_batch_size: 4
                steps: %d
                ppo_epochs: 4
                seed: 42
            %s
              generation: {max_new_tokens: 16, temperature: 1.0}
              reward_model: {identifier: lvwerra/distilbert-imdb, type: sentiment}
              data:
                prompts:
                  - This movie was
                  - I have to say the acting in this one
                  - The ending left me
            """;

    /** The template with these {@code training} lines added, each written as {@code key: value}. */
    private static String ppo(String... trainingLines) {
        String extra = Arrays.stream(trainingLines).map(line -> "    " + line).collect(Collectors.joining("\n"));
        return TEMPLATE.formatted(STEPS, extra);
    }

    @SuppressWarnings("unchecked")
    private static List<Double> kl(RunResult.Completed run) {
        return (List<Double>) value(run, "ppo.train", "task/kl");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stoppedEarly(RunResult.Completed run) {
        return (Map<String, Object>) value(run, "ppo.train", "task/stopped_early");
    }

    private static long updatesRun(RunResult.Completed run) {
        return ((Number) value(run, "ppo.train", "task/updates_run")).longValue();
    }

    private static List<String> configKeys(RunResult.Completed run) {
        return run.trace().effects().stream().filter(e -> e.channel().equals("ppo.config"))
                .map(e -> e.key().substring("task/".length())).toList();
    }

    @Test
    void aLowTargetKlStopsAtAReproducibleUpdateAndStillSavesTheModel() {
        String yaml = ppo("kl_coef: 0.05", "early_stopping: true", "target_kl: " + LOW_TARGET_KL);

        RunResult.Completed first = completed(yaml);
        RunResult.Completed second = completed(yaml);

        Map<String, Object> stop = stoppedEarly(first);
        assertThat(stop).as("stopped_early with target_kl %s", LOW_TARGET_KL).isNotNull();
        assertThat(stoppedEarly(second)).as("the second run stops at the same update with the same KL")
                .isEqualTo(stop);
        int update = ((Number) stop.get("update")).intValue();
        double stopKl = ((Number) stop.get("kl")).doubleValue();
        assertThat(update).as("stop update").isBetween(1, STEPS - 2);
        assertThat(stopKl).as("KL at the stop").isGreaterThan(LOW_TARGET_KL);
        assertThat(stop.get("threshold")).as("threshold").isEqualTo(LOW_TARGET_KL);
        List<Double> kl = kl(first);
        assertThat(kl).as("one KL per update run").hasSize(update + 1);
        assertThat(kl.get(update)).as("last KL is the stop's").isEqualTo(stopKl);
        assertThat(kl.get(update - 1)).as("the KL before the stop is within the threshold")
                .isLessThanOrEqualTo(LOW_TARGET_KL);
        assertThat(updatesRun(first)).as("updates run").isEqualTo(update + 1);
        assertThat(value(first, "ppo.train", "task/updates_planned")).as("updates planned").isEqualTo((long) STEPS);
        assertThat(value(first, "ppo.train", "task/saved_model")).as("final model saved after the stop").isNotNull();
    }

    @Test
    void aHighTargetKlLetsEveryPlannedUpdateRun() {
        RunResult.Completed run = completed(ppo("early_stopping: true", "target_kl: 1000.0"));

        assertThat(stoppedEarly(run)).as("stopped_early").isNull();
        assertThat(updatesRun(run)).as("updates run").isEqualTo(STEPS);
        assertThat(kl(run)).as("KL list").hasSize(STEPS);
        assertThat(value(run, "ppo.train", "task/saved_model")).as("saved model").isNotNull();
    }

    @Test
    void klCoefShapesTheKlTrajectoryButStopsNothingWithoutEarlyStopping() {
        RunResult.Completed gentle = completed(ppo("kl_coef: 0.05", "early_stopping: false"));
        RunResult.Completed strict = completed(ppo("kl_coef: 0.5", "early_stopping: false"));

        assertThat(kl(strict)).as("KL trajectory with kl_coef 0.5 vs 0.05").isNotEqualTo(kl(gentle));
        for (RunResult.Completed run : List.of(gentle, strict)) {
            assertThat(stoppedEarly(run)).as("stopped_early without early stopping").isNull();
            assertThat(updatesRun(run)).as("updates run without early stopping").isEqualTo(STEPS);
        }
        assertThat(value(strict, "ppo.config", "task/kl_coef")).as("kl_coef handed to TRL").isEqualTo(0.5);
    }

    @Test
    void ppoConfigHoldsOnlyTrlNamesAndTheTemplatesKlCoef() {
        RunResult.Completed run = completed(ppo("kl_coef: 0.05", "early_stopping: true", "target_kl: " + LOW_TARGET_KL,
                "log_with: wandb", "tracker_project_name: ppo-check", "padding_side: left"));

        assertThat(configKeys(run)).as("ppo.config keys")
                .doesNotContain("target_kl", "early_stopping", "log_with", "tracker_project_name", "padding_side");
        assertThat(value(run, "ppo.config", "task/kl_coef")).as("kl_coef is the template's, never target_kl")
                .isEqualTo(0.05);
        assertThat(value(run, "ppo.config", "task/report_to")).as("report_to from log_with: wandb")
                .isEqualTo(List.of("wandb"));
        assertThat(value(run, "ppo.config", "task/project")).as("project from tracker_project_name")
                .isEqualTo("ppo-check");
        assertThat(configKeys(completed(ppo("early_stopping: true", "target_kl: " + LOW_TARGET_KL))))
                .as("ppo.config keys with target_kl and no kl_coef: target_kl never becomes kl_coef")
                .doesNotContain("kl_coef", "target_kl");
    }

    @Test
    void logWithMapsToReportTo() {
        assertThat(value(completed(ppo("log_with: [wandb, tensorboard]")), "ppo.config", "task/report_to"))
                .as("report_to from a list").isEqualTo(List.of("wandb", "tensorboard"));
        assertThat(value(completed(ppo()), "ppo.config", "task/report_to"))
                .as("report_to without log_with").isEqualTo("none");
        assertThat(value(completed(ppo("log_with: null")), "ppo.config", "task/report_to"))
                .as("report_to from log_with: null").isEqualTo("none");
        assertThat(value(completed(ppo("log_with: \"\"")), "ppo.config", "task/report_to"))
                .as("report_to from log_with: \"\"").isEqualTo("none");
    }

    @Test
    @SuppressWarnings("unchecked")
    void paddingSideDecidesWhereThePadsSit() {
        List<List<Long>> left = (List<List<Long>>) value(completed(ppo("padding_side: left")), "tokenizer",
                "task/padded_prompts");
        List<List<Long>> right = (List<List<Long>>) value(completed(ppo("padding_side: right")), "tokenizer",
                "task/padded_prompts");

        List<Long> shortLeft = left.get(0);
        List<Long> shortRight = right.get(0);
        assertThat(shortLeft).as("left-padded short prompt").startsWith(0L).last().isNotEqualTo(0L);
        assertThat(shortRight).as("right-padded short prompt").endsWith(0L).first().isNotEqualTo(0L);
        assertThat(shortLeft.stream().filter(id -> id != 0).toList()).as("same tokens either side")
                .isEqualTo(shortRight.stream().filter(id -> id != 0).toList());
        assertThat(left.get(1)).as("the longest prompt needs no padding").isEqualTo(right.get(1)).doesNotContain(0L);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAttentionMaskHasOneRowPerPromptPaddedOnTheTokenizersSide() {
        RunResult.Completed left = completed(ppo("padding_side: left"));
        RunResult.Completed right = completed(ppo("padding_side: right"));

        // data.prompts hold 3, 9 and 4 words: one token per word, padded to 9.
        assertThat(value(left, "tokenizer", "task/padding_side")).as("padding side set up").isEqualTo("left");
        assertThat((List<List<Long>>) value(left, "tokenizer", "task/attention_mask")).as("left attention mask")
                .containsExactly(mask(6, 3, 0), mask(0, 9, 0), mask(5, 4, 0));
        assertThat(value(right, "tokenizer", "task/padding_side")).as("padding side set up").isEqualTo("right");
        assertThat((List<List<Long>>) value(right, "tokenizer", "task/attention_mask")).as("right attention mask")
                .containsExactly(mask(0, 3, 6), mask(0, 9, 0), mask(0, 4, 5));
        assertThat(value(completed(ppo()), "tokenizer", "task/padding_side")).as("padding side without the key")
                .isEqualTo("right");
    }

    private static List<Long> mask(int leadingPads, int tokens, int trailingPads) {
        List<Long> row = new java.util.ArrayList<>();
        row.addAll(java.util.Collections.nCopies(leadingPads, 0L));
        row.addAll(java.util.Collections.nCopies(tokens, 1L));
        row.addAll(java.util.Collections.nCopies(trailingPads, 0L));
        return row;
    }

    @ParameterizedTest(name = "log_with: {0}")
    @ValueSource(strings = {"3", "{project: x}", "[wandb, 3]"})
    void aLogWithThatIsNeitherATrackerNameNorAListOfThemIsRefusedAtTheField(String logWith) {
        String yaml = ppo("log_with: " + logWith);

        Diagnostic violation = onlyViolation(rejected(yaml));

        assertThat(violation.pointer()).as("pointer").isEqualTo("/spec/training/log_with");
        assertThat(violation.line()).as("line").isEqualTo(lineOf(yaml, "log_with:"));
    }

    @ParameterizedTest(name = "early_stopping: {0}")
    @ValueSource(strings = {"\"false\"", "\"no\"", "\"off\"", "0", "false"})
    void everyFalseSpellingArmsNothing(String earlyStopping) {
        RunResult.Completed run = completed(ppo("early_stopping: " + earlyStopping, "target_kl: " + LOW_TARGET_KL));

        assertThat(stoppedEarly(run)).as("stopped_early").isNull();
        assertThat(updatesRun(run)).as("updates run").isEqualTo(STEPS);
    }

    @Test
    void earlyStoppingWithoutTargetKlIsRefusedAtTheTrainingSection() {
        String yaml = ppo("early_stopping: true");

        Diagnostic violation = onlyViolation(rejected(yaml));

        assertThat(violation.pointer()).as("pointer").isEqualTo("/spec/training/target_kl");
        assertThat(violation.message()).as("message").contains("target_kl").doesNotContain("\n");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStringFalseDoesNotArmTheStop() {
        RunResult.Completed run = completed(ppo("early_stopping: \"false\"", "target_kl: " + LOW_TARGET_KL));

        assertThat((Map<String, Object>) value(run, "ppo.train", "task/early_stopping"))
                .as("early stop settings: a disarmed threshold is handed to nothing")
                .containsEntry("enabled", false).containsEntry("target_kl", null);
        assertThat(stoppedEarly(run)).as("stopped_early").isNull();
        assertThat(updatesRun(run)).as("updates run").isEqualTo(STEPS);
    }

    @Test
    void targetKlWithoutEarlyStoppingIsWarnedAsNoEffectAndTrulyHasNone() {
        String yaml = ppo("target_kl: " + LOW_TARGET_KL);

        RunResult.Completed run = completed(yaml);

        assertThat(run.warnings()).as("warnings")
                .filteredOn(w -> w.pointer().equals("/spec/training/target_kl"))
                .singleElement()
                .satisfies(w -> assertThat(w.line()).as("line").isEqualTo(lineOf(yaml, "target_kl:")))
                .satisfies(w -> assertThat(w.code()).as("code").isEqualTo("executor.no-effect"))
                .satisfies(w -> assertThat(w.message()).as("message").contains("early_stopping"));
        assertThat(stoppedEarly(run)).as("stopped_early").isNull();
        assertThat(TemplateRuns.traceText(run)).as("trace with a disarmed target_kl vs without it")
                .isEqualTo(TemplateRuns.traceText(completed(ppo())));
    }
}
