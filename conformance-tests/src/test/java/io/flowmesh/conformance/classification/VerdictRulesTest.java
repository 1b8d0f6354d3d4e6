package io.flowmesh.conformance.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowmesh.conformance.probe.Change;
import io.flowmesh.conformance.probe.Probe;
import io.flowmesh.conformance.probe.Verdict;
import io.flowmesh.conformance.probe.Verdict.Outcome;
import io.flowmesh.conformance.probe.Verdict.Stage;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.EffectTrace;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VerdictRulesTest {

    private static final String LOG_WITH = "/spec/training/log_with";

    // ---- verdicts, built with the public canonical constructor ------------------------------------

    private static Verdict noEffect(Diagnostic... warnings) {
        return new Verdict(Outcome.NO_EFFECT, List.of(), List.of(), null, List.of(warnings), null);
    }

    private static Verdict effect(Change... changes) {
        return new Verdict(Outcome.EFFECT, List.of(changes), List.of(), null, List.of(), null);
    }

    private static Verdict rejected(Stage stage) {
        return new Verdict(Outcome.REJECTED, List.of(), List.of(diagnostic("/spec/x", "schema.type", "bad type")), stage,
                List.of(), null);
    }

    private static Verdict error() {
        return new Verdict(Outcome.ERROR, List.of(), List.of(), null, List.of(),
                "java.lang.IllegalStateException: engine exploded");
    }

    private static Diagnostic diagnostic(String pointer, String code, String message) {
        return new Diagnostic("probe", pointer, 3, 5, code, message);
    }

    private static Change change(String channel, String key, String before, String after) {
        return new Change(channel, key, before, after);
    }

    // ---- rows ---------------------------------------------------------------------------------------

    private static ClassificationRow row(String field, Treatment treatment, Optional<ExpectedEffect> effect,
            List<ForbiddenEffect> forbidden, Optional<Injection> injection) {
        return new ClassificationRow(field.replace('.', '-'), "group", field, List.of(new FieldPattern("**." + field)),
                treatment, "the RFC says so", 1, List.of(), effect, forbidden, injection, ValueRules.none(), Optional.empty(), false);
    }

    private static ExpectedEffect expect(String channel, String key, String value) {
        return new ExpectedEffect(Optional.ofNullable(channel), key == null ? List.of() : List.of(key),
                Optional.ofNullable(value));
    }

    private static final ClassificationRow KEEP = row("metadata.owner", Treatment.KEEP, Optional.empty(), List.of(),
            Optional.empty());
    private static final ClassificationRow LOG_WITH_ROW = row("training.log_with", Treatment.SUPPORT,
            Optional.of(expect("ppo.config", "report_to", "[\"wandb\"]")), List.of(), Optional.empty());
    private static final ClassificationRow TARGET_KL = row("training.target_kl", Treatment.SUPPORT,
            Optional.of(expect("ppo.train", "updates_run", null)),
            List.of(new ForbiddenEffect("ppo.config", "kl_coef", "target_kl must never be aliased to kl_coef")),
            Optional.empty());
    private static final ClassificationRow FIX_NO_EFFECT = row("metadata.project", Treatment.FIX, Optional.empty(),
            List.of(), Optional.empty());
    private static final ClassificationRow REPLICAS = row("resources.replicas", Treatment.REMOVE, Optional.empty(),
            List.of(), Optional.of(new Injection(new FieldPattern("**.resources"), "replicas", 2L)));

    // ---- observations ---------------------------------------------------------------------------------

    private static ProbedField.Observation perturb(String pointer, Verdict verdict) {
        return new ProbedField.Observation(new Probe.Perturb(pointer, TextNode.valueOf("before"), TextNode.valueOf("after")),
                verdict, Optional.empty());
    }

    private static ProbedField.Observation remove(String pointer, Verdict verdict) {
        return new ProbedField.Observation(new Probe.Remove(pointer), verdict, Optional.empty());
    }

    private static Judgement judgeOne(ClassificationRow row, String pointer, ProbedField.Observation observation) {
        List<Judgement> judgements = VerdictRules.judge(new ProbedField(pointer, Optional.ofNullable(row),
                List.of(observation)));
        assertThat(judgements).as("one judgement per observation").hasSize(1);
        return judgements.get(0);
    }

    private static List<Judgement> judgeAll(ClassificationRow row, String pointer, ProbedField.Observation... observations) {
        List<Judgement> judgements = VerdictRules.judge(new ProbedField(pointer, Optional.ofNullable(row),
                Arrays.asList(observations)));
        assertThat(judgements).as("one judgement per observation, in order").hasSize(observations.length);
        return judgements;
    }

    @Nested
    class KeepRow {

        @Test
        void passesWithoutAnEffect() {
            Judgement judgement = judgeOne(KEEP, "/metadata/owner", perturb("/metadata/owner", noEffect()));

            assertThat(judgement.pass()).as(judgement.reason()).isTrue();
        }

        @Test
        void passesWhenLeavingTheFieldOutIsRefusedAtParse() {
            Judgement judgement = judgeOne(KEEP, "/metadata/owner", remove("/metadata/owner", rejected(Stage.PARSE)));

            assertThat(judgement.pass()).as("the envelope may require a keep field: " + judgement.reason()).isTrue();
        }

        @ParameterizedTest
        @EnumSource(Stage.class)
        void failsWhenAValidValueIsRefused(Stage stage) {
            Judgement judgement = judgeOne(KEEP, "/metadata/owner", perturb("/metadata/owner", rejected(stage)));

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).isEqualTo("metadata.owner is classified keep (the RFC says so): a valid value"
                    + " must be accepted, but the probe gave REJECTED at " + stage.name().toLowerCase(java.util.Locale.ROOT)
                    + ": /spec/x: bad type [schema.type]");
        }

        @Test
        void failsWhenLeavingTheFieldOutIsRefusedAtRunTime() {
            Judgement judgement = judgeOne(KEEP, "/metadata/owner", remove("/metadata/owner", rejected(Stage.RUN)));

            assertThat(judgement.pass()).as("the runtime read a keep field").isFalse();
        }

        @Test
        void failsOnAnEffectNamingTheFieldAndTheChange() {
            Judgement judgement = judgeOne(KEEP, "/metadata/owner",
                    perturb("/metadata/owner", effect(change("scheduler", "worker", "\"a\"", "\"b\""))));

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).contains("metadata.owner", "keep", "scheduler/worker");
        }
    }

    @Nested
    class SupportRow {

        @Test
        void passesWithTheNamedChannelKeyAndValue() {
            Judgement judgement = judgeOne(LOG_WITH_ROW, LOG_WITH, perturb(LOG_WITH,
                    effect(change("ppo.config", "report_to", "[\"tensorboard\"]", "[\"wandb\"]"))));

            assertThat(judgement.pass()).as(judgement.reason()).isTrue();
        }

        @Test
        void matchesATaskScopedKey() {
            Judgement judgement = judgeOne(LOG_WITH_ROW, LOG_WITH, perturb(LOG_WITH,
                    effect(change("ppo.config", "ppo-train/report_to", "[\"tensorboard\"]", "[\"wandb\"]"))));

            assertThat(judgement.pass()).as("ppo-train/report_to is report_to scoped by task: " + judgement.reason())
                    .isTrue();
        }

        @Test
        void failsWhenTheNamedKeyDidNotChange() {
            Judgement judgement = judgeOne(LOG_WITH_ROW, LOG_WITH, perturb(LOG_WITH,
                    effect(change("ppo.config", "project", "\"a\"", "\"b\""))));

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).contains("training.log_with", "report_to did not change", "ppo.config/project");
        }

        @Test
        void failsWhenTheValueDiffers() {
            Judgement judgement = judgeOne(LOG_WITH_ROW, LOG_WITH, perturb(LOG_WITH,
                    effect(change("ppo.config", "report_to", "[\"tensorboard\"]", "\"wandb\""))));

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).contains("training.log_with", "must map to", "[\"wandb\"]",
                    "ppo.config/report_to: [\"tensorboard\"] -> \"wandb\"");
        }

        @Test
        void failsWhenOnlyAnotherChannelChanged() {
            Judgement judgement = judgeOne(LOG_WITH_ROW, LOG_WITH, perturb(LOG_WITH,
                    effect(change("tokenizer", "report_to", "1", "2"))));

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).contains("training.log_with", "ppo.config", "tokenizer");
        }

        @Test
        void failsWithoutAnEffect() {
            Judgement judgement = judgeOne(LOG_WITH_ROW, LOG_WITH, perturb(LOG_WITH, noEffect()));

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).contains("training.log_with", "must have an effect", "NO_EFFECT");
        }

        @ParameterizedTest
        @EnumSource(Stage.class)
        void failsWhenRejected(Stage stage) {
            Judgement judgement = judgeOne(LOG_WITH_ROW, LOG_WITH, perturb(LOG_WITH, rejected(stage)));

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).contains("training.log_with", "REJECTED");
        }

        @Test
        void theProbeValuesOwnExpectationOverridesTheRowEffect() {
            ExpectedEffect tensorboard = expect("ppo.config", "report_to", "[\"tensorboard\"]");
            ProbedField.Observation observation = new ProbedField.Observation(
                    new Probe.Perturb(LOG_WITH, TextNode.valueOf("wandb"), TextNode.valueOf("tensorboard")),
                    effect(change("ppo.config", "report_to", "[\"wandb\"]", "[\"tensorboard\"]")), Optional.of(tensorboard));

            Judgement judgement = judgeOne(LOG_WITH_ROW, LOG_WITH, observation);

            assertThat(judgement.pass()).as(judgement.reason()).isTrue();
        }

        @Test
        void aRemoveProbeWithoutARowDefaultPassesUnlessItFails() {
            Judgement judgement = judgeOne(LOG_WITH_ROW, LOG_WITH, remove(LOG_WITH, noEffect()));

            assertThat(judgement.pass()).as(judgement.reason()).isTrue();
            assertThat(judgement.reason()).isEqualTo("left out: NO_EFFECT");
        }

        @Test
        void leavingOutAFieldTheTemplateNeedsMayBeRefused() {
            Judgement judgement = judgeOne(LOG_WITH_ROW, LOG_WITH, remove(LOG_WITH, rejected(Stage.PARSE)));

            assertThat(judgement.pass()).as("an adapter's only source, say: " + judgement.reason()).isTrue();
        }
    }

    @Nested
    class WhenAbsent {

        private final ExpectedEffect none = expect("ppo.config", "report_to", "\"none\"");

        private Judgement judgeRemoval(Verdict verdict, EffectTrace base) {
            ProbedField.Observation observation = new ProbedField.Observation(new Probe.Remove(LOG_WITH), verdict,
                    Optional.of(none));
            List<Judgement> judgements = VerdictRules.judge(new ProbedField(LOG_WITH, Optional.of(LOG_WITH_ROW),
                    List.of(observation), base, Optional.empty(), Optional.empty()));
            return judgements.get(0);
        }

        @Test
        void passesWhenTheRemovedFieldLeavesTheDefaultInTheBaseTrace() {
            EffectTrace base = new EffectTrace(List.of(new Effect("ppo.config", "task/report_to", "none")));

            Judgement judgement = judgeRemoval(noEffect(), base);

            assertThat(judgement.pass()).as(judgement.reason()).isTrue();
        }

        @Test
        void passesWhenTheProbeChangesTheKeyToTheDefault() {
            EffectTrace base = new EffectTrace(List.of(new Effect("ppo.config", "task/report_to", List.of("wandb"))));

            Judgement judgement = judgeRemoval(effect(change("ppo.config", "task/report_to", "[\"wandb\"]", "\"none\"")), base);

            assertThat(judgement.pass()).as(judgement.reason()).isTrue();
        }

        @Test
        void failsWhenLeavingOutAFieldWithADefaultIsRefused() {
            Judgement judgement = judgeRemoval(rejected(Stage.PARSE), new EffectTrace(List.of()));

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).isEqualTo("without training.log_with the run must hand over"
                    + " ppo.config/report_to = \"none\", but the probe gave REJECTED at parse: /spec/x: bad type [schema.type]");
        }

        @Test
        void failsWhenTheRunHandsOverSomethingElse() {
            EffectTrace base = new EffectTrace(List.of(new Effect("ppo.config", "task/report_to", List.of("wandb"))));

            Judgement judgement = judgeRemoval(effect(change("ppo.config", "task/report_to", "[\"wandb\"]", null)), base);

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).isEqualTo("without training.log_with the run must hand over"
                    + " ppo.config/report_to = \"none\", but it handed over nothing");
        }
    }

    @Nested
    class InvalidValue {

        private ProbedField.Observation invalid(Verdict verdict) {
            return new ProbedField.Observation(new Probe.Invalid(LOG_WITH, TextNode.valueOf("wandb"), IntNode.valueOf(5)),
                    verdict, Optional.empty());
        }

        @Test
        void passesWhenRefusedNamingTheField() {
            Verdict refused = new Verdict(Outcome.REJECTED, List.of(), List.of(diagnostic(LOG_WITH, "execute.ppo-config",
                    "expected a tracker name")), Stage.RUN, List.of(), null);

            assertThat(judgeOne(LOG_WITH_ROW, LOG_WITH, invalid(refused)).pass()).isTrue();
        }

        @Test
        void failsWhenRefusedNamingAnotherField() {
            Judgement judgement = judgeOne(LOG_WITH_ROW, LOG_WITH, invalid(rejected(Stage.PARSE)));

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).isEqualTo("training.log_with must be refused by a violation at "
                    + LOG_WITH + ", but the violations name [/spec/x]");
        }

        @Test
        void failsWhenAccepted() {
            Judgement judgement = judgeOne(LOG_WITH_ROW, LOG_WITH, invalid(noEffect()));

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).isEqualTo("training.log_with must refuse this value, naming " + LOG_WITH
                    + ", but the probe gave NO_EFFECT");
        }
    }

    @Nested
    class NamingTheField {

        @Test
        void aViolationNamesTheFieldAtItsPointer() {
            assertThat(VerdictRules.namesField("/spec/agent/timeout", "/spec/agent/timeout")).isTrue();
            assertThat(VerdictRules.namesField("/spec/agent", "/spec/agent/timeout")).isFalse();
        }

        @Test
        void aSharedFieldMayBeNamedWhereAStageOrNodeInheritsIt() {
            String shared = "/spec/model/source/revision";
            assertThat(VerdictRules.namesField("/spec/stages/0/spec/model/source/revision", shared)).isTrue();
            assertThat(VerdictRules.namesField("/spec/graph/nodes/12/spec/model/source/revision", shared)).isTrue();
            assertThat(VerdictRules.namesField("/spec/stages/0/spec/model/source/identifier", shared)).isFalse();
            assertThat(VerdictRules.namesField("/spec/stages/0/spec/model/source/revision",
                    "/spec/stages/1/spec/model/source/revision")).as("another stage's field").isFalse();
        }
    }

    @Nested
    class KeepRowWithAcceptedValues {

        private final ClassificationRow adapterType = new ClassificationRow("adapter-type", "group", "adapters[].type",
                List.of(new FieldPattern("**.type")), Treatment.KEEP, "one member", 0, List.of(), Optional.empty(), List.of(),
                Optional.empty(), new ValueRules(List.of("lora"), List.of(), Optional.empty()), Optional.empty(), false);

        private ProbedField.Observation setTo(String value, Verdict verdict) {
            return new ProbedField.Observation(new Probe.Perturb("/type", TextNode.valueOf("lora"), TextNode.valueOf(value)),
                    verdict, Optional.empty());
        }

        @Test
        void aValueTheRowDoesNotAcceptMayBeRefusedAnywhere() {
            assertThat(judgeOne(adapterType, "/type", setTo("lora-probe", rejected(Stage.RUN))).pass()).isTrue();
        }

        @Test
        void anAcceptedValueMustNotBeRefused() {
            assertThat(judgeOne(adapterType, "/type", setTo("lora", rejected(Stage.RUN))).pass()).isFalse();
        }
    }

    @Nested
    class AnyProbe {

        private static final String KL = "/spec/training/target_kl";
        private final ClassificationRow row = new ClassificationRow("ppo-target-kl", "group", "training.target_kl",
                List.of(new FieldPattern("**.training.target_kl")), Treatment.SUPPORT, "FlowMesh-owned early stop", 3,
                List.of(), Optional.of(expect("ppo.train", "updates_run", null)),
                List.of(new ForbiddenEffect("ppo.config", "kl_coef", "target_kl must never be aliased to kl_coef")),
                Optional.empty(), ValueRules.none(), Optional.empty(), true);

        private ProbedField.Observation setTo(double value, int alternative, Verdict verdict) {
            return new ProbedField.Observation(new Probe.Perturb(KL, DoubleNode.valueOf(0.1), DoubleNode.valueOf(value),
                    alternative), verdict, Optional.empty());
        }

        private List<Judgement> judge(ProbedField.Observation... observations) {
            return VerdictRules.judge(new ProbedField(KL, Optional.of(row), List.of(observations)));
        }

        @Test
        void oneValueShowingTheEffectPassesTheOthersThatChangedNothing() {
            List<Judgement> judgements = judge(setTo(1e-6, 0, noEffect()),
                    setTo(1e6, 1, effect(change("ppo.train", "updates_run", "1", "8"))));

            assertThat(judgements).allSatisfy(j -> assertThat(j.pass()).as(j.reason()).isTrue());
            assertThat(judgements.get(0).reason()).startsWith("the effect shows for another of the row's values"
                    + " (perturb: 0.1 -> 1000000.0); this one changed nothing it names");
        }

        @Test
        void noValueShowingTheEffectFailsEach() {
            List<Judgement> judgements = judge(setTo(1e-6, 0, noEffect()), setTo(1e6, 1, noEffect()));

            assertThat(judgements).allSatisfy(j -> assertThat(j.reason())
                    .startsWith("training.target_kl must have an effect on ppo.train/updates_run"));
            assertThat(judgements).noneMatch(Judgement::pass);
        }

        @Test
        void aForbiddenEffectStaysAFailureWhateverTheOtherValueShows() {
            List<Judgement> judgements = judge(setTo(1e-6, 0, effect(change("ppo.config", "kl_coef", "0.05", "1.0E-6"))),
                    setTo(1e6, 1, effect(change("ppo.train", "updates_run", "1", "8"))));

            assertThat(judgements.get(0).pass()).isFalse();
            assertThat(judgements.get(0).reason()).contains("must never be aliased to kl_coef");
            assertThat(judgements.get(1).pass()).isTrue();
        }

        @Test
        void aRefusedValidValueStaysAFailure() {
            List<Judgement> judgements = judge(setTo(1e-6, 0, rejected(Stage.RUN)),
                    setTo(1e6, 1, effect(change("ppo.train", "updates_run", "1", "8"))));

            assertThat(judgements.get(0).pass()).isFalse();
        }

        @Test
        void furtherValuesHaveIdsOfTheirOwnAndTheFirstKeepsThePlainOne() {
            assertThat(setTo(1e-6, 0, noEffect()).probe().idSuffix()).isEqualTo("perturb");
            assertThat(setTo(1e6, 1, noEffect()).probe().idSuffix()).isEqualTo("perturb:1000000.0");
        }
    }

    @Nested
    class Disarmed {

        private static final String KL = "/spec/training/target_kl";
        private final ClassificationRow armed = new ClassificationRow("ppo-target-kl", "group", "training.target_kl",
                List.of(new FieldPattern("**.training.target_kl")), Treatment.SUPPORT, "FlowMesh-owned early stop", 3,
                List.of(), Optional.of(expect("ppo.train", "updates_run", null)), List.of(), Optional.empty(),
                ValueRules.none(), Optional.of(new Arming("early_stopping")), false);

        private Judgement judgeDisarmed(Verdict verdict) {
            return VerdictRules.judge(new ProbedField(KL, Optional.of(armed), List.of(perturb(KL, verdict)),
                    new EffectTrace(List.of()), Optional.empty(),
                    Optional.of("/spec/training/early_stopping is false"))).get(0);
        }

        @Test
        void passesWhenTheProbeChangesNothingTheEffectNames() {
            Judgement judgement = judgeDisarmed(effect(change("ppo.config", "seed", "1", "2")));

            assertThat(judgement.pass()).as(judgement.reason()).isTrue();
            assertThat(judgement.reason()).startsWith("disarmed (/spec/training/early_stopping is false): training.target_kl"
                    + " changes nothing on ppo.train/updates_run while early_stopping is off");
        }

        @Test
        void failsWhenTheDisarmedFieldStillChangesTheEffect() {
            Judgement judgement = judgeDisarmed(effect(change("ppo.train", "updates_run", "8", "1")));

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).isEqualTo("training.target_kl takes effect only while early_stopping is on, and"
                    + " here it is off (/spec/training/early_stopping is false), yet the probe changed"
                    + " ppo.train/updates_run: 8 -> 1");
        }

        @Test
        void failsWhenAValidValueIsRefused() {
            Judgement judgement = judgeDisarmed(rejected(Stage.RUN));

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).startsWith("training.target_kl is disarmed (/spec/training/early_stopping is"
                    + " false), yet a valid value was refused");
        }

        @Test
        void anArmedFieldIsJudgedAsEverySupportedOne() {
            Judgement judgement = VerdictRules.judge(new ProbedField(KL, Optional.of(armed), List.of(perturb(KL, noEffect())),
                    new EffectTrace(List.of()), Optional.empty(), Optional.empty())).get(0);

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).startsWith("training.target_kl must have an effect on ppo.train/updates_run");
        }
    }

    @Nested
    class DeclaredNoEffect {

        @Test
        void aFieldWarnedWithoutEffectFailsAProbeThatShowsItRead() {
            Diagnostic warning = diagnostic("/spec/data/colour", "executor.no-effect", "'colour' has no runtime effect");
            ProbedField field = new ProbedField("/spec/data/colour", Optional.empty(),
                    List.of(perturb("/spec/data/colour", effect(change("data", "task/colour", "\"red\"", "\"blue\"")))),
                    new EffectTrace(List.of()), Optional.of(warning), Optional.empty());

            Judgement judgement = VerdictRules.judge(field).get(0);

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).isEqualTo("the implementation warns that /spec/data/colour has no runtime"
                    + " effect ('colour' has no runtime effect [executor.no-effect]) yet the probe shows it read:"
                    + " EFFECT on data/task/colour: \"red\" -> \"blue\"");
        }
    }

    @Nested
    class ForbiddenEffects {

        private static final String TARGET_KL_POINTER = "/spec/training/target_kl";

        @Test
        void failsEvenWhenTheExpectedEffectIsAlsoThere() {
            Judgement judgement = judgeOne(TARGET_KL, TARGET_KL_POINTER, perturb(TARGET_KL_POINTER, effect(
                    change("ppo.train", "updates_run", "4", "1"),
                    change("ppo.config", "kl_coef", "0.05", "0.1"))));

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).contains("training.target_kl", "ppo.config/kl_coef",
                    "target_kl must never be aliased to kl_coef");
        }

        @Test
        void failsOnARemoveProbeToo() {
            Judgement judgement = judgeOne(TARGET_KL, TARGET_KL_POINTER, remove(TARGET_KL_POINTER, effect(
                    change("ppo.config", "lora-train/kl_coef", "0.05", null))));

            assertThat(judgement.pass()).as("a task-scoped kl_coef is still kl_coef").isFalse();
        }

        @Test
        void passesWhenOnlyTheExpectedEffectChanged() {
            Judgement judgement = judgeOne(TARGET_KL, TARGET_KL_POINTER, perturb(TARGET_KL_POINTER, effect(
                    change("ppo.train", "updates_run", "4", "1"))));

            assertThat(judgement.pass()).as(judgement.reason()).isTrue();
        }
    }

    @Nested
    class FixRow {

        @Test
        void withoutAnEffectPassesWithNoEffect() {
            Judgement judgement = judgeOne(FIX_NO_EFFECT, "/metadata/project", perturb("/metadata/project", noEffect()));

            assertThat(judgement.pass()).as(judgement.reason()).isTrue();
        }

        @Test
        void withoutAnEffectFailsOnAnEffectAsKeepWould() {
            Judgement judgement = judgeOne(FIX_NO_EFFECT, "/metadata/project",
                    perturb("/metadata/project", effect(change("scheduler", "queue", "\"a\"", "\"b\""))));

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).contains("metadata.project", "fix", "no execution effect");
        }

        @Test
        void withAnEffectIsJudgedAsSupport() {
            ClassificationRow adapterUrl = row("model.adapters.url", Treatment.FIX,
                    Optional.of(expect("lora", "adapters", null)), List.of(), Optional.empty());

            assertThat(judgeOne(adapterUrl, "/spec/model/adapters/0/url",
                    perturb("/spec/model/adapters/0/url", noEffect())).pass()).as("no effect").isFalse();
            assertThat(judgeOne(adapterUrl, "/spec/model/adapters/0/url",
                    perturb("/spec/model/adapters/0/url", effect(change("lora", "adapters", "[]", "[1]")))).pass())
                    .as("the named effect").isTrue();
        }
    }

    @Nested
    class RemoveRow {

        @ParameterizedTest
        @EnumSource(value = Outcome.class, names = {"NO_EFFECT", "EFFECT", "REJECTED"})
        void aRemovedFieldInATemplateAlwaysFails(Outcome outcome) {
            Verdict verdict = outcome == Outcome.NO_EFFECT ? noEffect()
                    : outcome == Outcome.EFFECT ? effect(change("scheduler", "tasks", "1", "2")) : rejected(Stage.PARSE);
            String pointer = "/spec/resources/replicas";

            Judgement judgement = judgeOne(REPLICAS, pointer, remove(pointer, verdict));

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).contains("resources.replicas", "removed by the RFC", pointer);
        }
    }

    @Nested
    class UnclassifiedField {

        private static final String POINTER = "/spec/colour";

        @Test
        void passesWhenAnyProbeShowsAnEffect() {
            List<Judgement> judgements = judgeAll(null, POINTER, remove(POINTER, noEffect()),
                    perturb(POINTER, effect(change("scheduler", "colour", "\"blue\"", "\"blue-probe\""))));

            assertThat(judgements).as("the field is read, so each of its probes passes").allMatch(Judgement::pass);
        }

        @Test
        void passesWhenTheRuntimeRejectsTheProbe() {
            List<Judgement> judgements = judgeAll(null, POINTER, remove(POINTER, rejected(Stage.RUN)),
                    perturb(POINTER, noEffect()));

            assertThat(judgements).as("a refusal after validation shows the runtime reads it").allMatch(Judgement::pass);
        }

        @Test
        void failsAsAnUndocumentedNoOpWhenNothingChanges() {
            List<Judgement> judgements = judgeAll(null, POINTER, remove(POINTER, noEffect()), perturb(POINTER, noEffect()));

            assertThat(judgements).noneMatch(Judgement::pass);
            assertThat(judgements.get(0).reason()).contains("undocumented no-op", POINTER);
        }

        @Test
        void aRefusalByTheParserIsNoRuntimeUse() {
            List<Judgement> judgements = judgeAll(null, POINTER, remove(POINTER, rejected(Stage.PARSE)),
                    perturb(POINTER, noEffect()));

            assertThat(judgements).as("validation refusing it says nothing about the runtime reading it")
                    .noneMatch(Judgement::pass);
            assertThat(judgements.get(1).reason()).contains("undocumented no-op");
        }

        @Test
        void passesWhenAPerturbationIsRefusedForOtherFieldsOnly() {
            Verdict otherFields = new Verdict(Outcome.REJECTED, List.of(), List.of(diagnostic("/spec/lora",
                    "schema.unknown-key", "unknown key 'lora'")), Stage.PARSE, List.of(), null);

            List<Judgement> judgements = judgeAll(null, "/spec/taskType", remove("/spec/taskType", rejected(Stage.PARSE)),
                    perturb("/spec/taskType", otherFields));

            assertThat(judgements).as("the field decides which other fields are valid").allMatch(Judgement::pass);
            assertThat(judgements.get(0).reason()).isEqualTo("decides which other fields are valid: "
                    + otherFields.summary());
        }

        @Test
        void aPerturbationRefusedAtTheFieldItselfOrInsideItIsNoUse() {
            for (String at : List.of(POINTER, POINTER + "/shade")) {
                Verdict itself = new Verdict(Outcome.REJECTED, List.of(), List.of(diagnostic(at, "schema.enum", "bad")),
                        Stage.PARSE, List.of(), null);

                List<Judgement> judgements = judgeAll(null, POINTER, remove(POINTER, noEffect()), perturb(POINTER, itself));

                assertThat(judgements).as("refused at %s", at).noneMatch(Judgement::pass);
            }
        }
    }

    @Nested
    class ImplementationError {

        @Test
        void failsForEveryTreatment() {
            for (ClassificationRow row : List.of(KEEP, LOG_WITH_ROW, TARGET_KL, FIX_NO_EFFECT, REPLICAS)) {
                Judgement judgement = judgeOne(row, "/spec/x", perturb("/spec/x", error()));

                assertThat(judgement.pass()).as("ERROR under %s", row.treatment()).isFalse();
                assertThat(judgement.reason()).contains("the implementation failed", "engine exploded");
            }
        }

        @Test
        void failsForAnUnclassifiedFieldEvenWhenAnotherProbeShowedAnEffect() {
            List<Judgement> judgements = judgeAll(null, "/spec/x",
                    perturb("/spec/x", effect(change("scheduler", "x", "1", "2"))), remove("/spec/x", error()));

            assertThat(judgements.get(0).pass()).isTrue();
            assertThat(judgements.get(1).pass()).isFalse();
            assertThat(judgements.get(1).reason()).contains("engine exploded");
        }
    }

    @Nested
    class Injected {

        private static final String INJECTED = "/spec/resources/replicas";

        @Test
        void anEffectFails() {
            Judgement judgement = VerdictRules.judgeInjection(REPLICAS, INJECTED,
                    effect(change("scheduler", "tasks", "1", "2")));

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).contains("resources.replicas", "scheduler/tasks");
        }

        @ParameterizedTest
        @EnumSource(Stage.class)
        void aRejectionPasses(Stage stage) {
            Judgement judgement = VerdictRules.judgeInjection(REPLICAS, INJECTED, rejected(stage));

            assertThat(judgement.pass()).as(judgement.reason()).isTrue();
        }

        @Test
        void noEffectPassesWithAWarningAtTheInjectedPointer() {
            Judgement judgement = VerdictRules.judgeInjection(REPLICAS, INJECTED, noEffect(
                    diagnostic("/spec/other", "legacy.other", "unrelated"),
                    diagnostic(INJECTED, "legacy.no-effect", "replicas has no effect")));

            assertThat(judgement.pass()).as(judgement.reason()).isTrue();
            assertThat(judgement.reason()).contains("replicas has no effect", "legacy.no-effect");
        }

        @Test
        void noEffectFailsWithAWarningElsewhere() {
            Judgement judgement = VerdictRules.judgeInjection(REPLICAS, INJECTED, noEffect(
                    diagnostic("/spec/resources", "legacy.no-effect", "something under resources")));

            assertThat(judgement.pass()).as("the warning must name the injected field itself").isFalse();
            assertThat(judgement.reason()).contains("accepted silently", INJECTED);
        }

        @Test
        void noEffectFailsWithoutAWarning() {
            Judgement judgement = VerdictRules.judgeInjection(REPLICAS, INJECTED, noEffect());

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).contains("accepted silently", INJECTED);
        }

        @Test
        void anErrorFails() {
            Judgement judgement = VerdictRules.judgeInjection(REPLICAS, INJECTED, error());

            assertThat(judgement.pass()).isFalse();
            assertThat(judgement.reason()).contains("engine exploded");
        }
    }

    @Test
    void numericProbesAreJudgedLikeAnyOther() {
        ProbedField.Observation observation = new ProbedField.Observation(
                new Probe.Perturb("/spec/training/target_kl", DoubleNode.valueOf(0.1), IntNode.valueOf(1)),
                noEffect(), Optional.empty());

        Judgement judgement = judgeOne(TARGET_KL, "/spec/training/target_kl", observation);

        assertThat(judgement.pass()).as("target_kl must change updates_run").isFalse();
        assertThat(judgement.reason()).contains("ppo.train/updates_run");
    }
}
