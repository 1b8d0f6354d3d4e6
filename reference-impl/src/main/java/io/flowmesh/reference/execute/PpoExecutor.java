package io.flowmesh.reference.execute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.flowmesh.reference.backend.hub.ResolvedModel;
import io.flowmesh.reference.backend.ppo.PpoBackendException;
import io.flowmesh.reference.backend.ppo.TrainerSetup;
import io.flowmesh.reference.backend.ppo.UpdateMetrics;
import io.flowmesh.reference.execute.ppo.PpoConfigException;
import io.flowmesh.reference.execute.ppo.PpoOutcome;
import io.flowmesh.reference.execute.ppo.PpoPlan;
import io.flowmesh.reference.execute.ppo.PpoTraining;
import io.flowmesh.reference.execute.ppo.PpoWarning;
import io.flowmesh.reference.parse.ModelSource;
import io.flowmesh.reference.parse.TemplateProblem;

/**
 * The PPO executor: maps {@code training}, {@code generation} and {@code reward_model} to TRL 0.23's
 * PPOConfig kwargs and the tokenizer kwargs FlowMesh owns, hands both to the PPO backend, and trains
 * with FlowMesh's own KL early stop.
 *
 * <p>What is recorded is what the backend reports it received, never the plan: {@code ppo.config}
 * holds the PPOConfig kwargs as the trainer received them; {@code tokenizer} the padding side the
 * tokenizer was set up with, the padded prompt batch ({@code padded_prompts}) and its
 * {@code attention_mask}; {@code ppo.train} the updates the trainer planned and ran, the KL of every
 * update, where it stopped and why, and the saved model.
 */
final class PpoExecutor implements Executor {

    private static final Map<String, List<String>> CONSUMES = Map.of(
            "training", List.copyOf(new java.util.TreeSet<>(PpoPlan.TRAINING_KEYS)),
            "generation", List.copyOf(new java.util.TreeSet<>(PpoPlan.GENERATION_KEYS)),
            "reward_model", List.copyOf(new java.util.TreeSet<>(PpoPlan.REWARD_MODEL_KEYS)),
            "model.config", ExecutorCatalog.MODEL_CONFIG);

    @Override
    public String name() {
        return "ppo";
    }

    /** TRL <= 0.11 names the templates still carry, and why TRL 0.23's PPO does without them. */
    private static final Map<String, String> NO_EFFECT = Map.of(
            "training/optimize_cuda_cache", "there is no step-based contract and the PPO loop already empties the "
                    + "CUDA cache; remove it",
            "generation/do_sample", "TRL's PPO loop always samples; remove it",
            "generation/top_k", "TRL 0.23's PPO loop samples with top_k=0 and top_p=1.0",
            "generation/top_p", "TRL 0.23's PPO loop samples with top_k=0 and top_p=1.0");

    @Override
    public Map<String, List<String>> consumes() {
        return CONSUMES;
    }

    @Override
    public Map<String, String> noEffectReasons() {
        return NO_EFFECT;
    }

    /**
     * The PPO plan as a run makes it, with the policy named as the template names it: its checks
     * (batch sizes that divide, a step budget that fits, ...) depend on the template alone.
     */
    @Override
    public void checkValues(SpecFields fields, ValueProblems problems) {
        ModelSource source = fields.spec().model() == null ? null : fields.spec().model().source();
        if (source != null && source.identifier() != null) {
            problems.check(() -> plan(fields, source.identifier(), source.revision()));
        }
    }

    private static PpoPlan plan(SpecFields fields, String policy, String revision) throws TemplateProblem {
        List<String> prompts = prompts(fields);
        try {
            return PpoPlan.from(fields.section("training"), fields.section("generation"), fields.section("reward_model"),
                    policy, revision, prompts);
        } catch (PpoConfigException e) {
            throw new TemplateProblem(fields.pointer(e.keyPath()), "execute.ppo-config", e.getMessage());
        }
    }

    @Override
    public void execute(TaskContext context) throws TemplateProblem {
        ResolvedModel policy = ModelLoading.load(context, "ppo.model");
        context.handOver("model.config", ExecutorCatalog.MODEL_CONFIG, "ppo.model");
        PpoPlan plan = plan(context, policy.identifier(), policy.requestedRevision());
        for (PpoWarning warning : plan.warnings()) {
            context.warn(warning.keyPath(), UnconsumedKeys.CODE, warning.message());
        }
        PpoOutcome outcome;
        try {
            outcome = new PpoTraining(context.backends().ppo()).run(plan);
        } catch (PpoBackendException e) {
            throw new TemplateProblem(context.pointer("training"), "execute.ppo-backend", e.getMessage());
        }
        TrainerSetup setup = outcome.setup();
        setup.ppoConfig().forEach((key, value) -> context.effect("ppo.config", key, value));
        context.handOver("reward_model", CONSUMES.get("reward_model"), "ppo.reward");
        context.effect("tokenizer", "padding_side", setup.prompts().paddingSide());
        context.effect("tokenizer", "padded_prompts", setup.prompts().inputIds());
        context.effect("tokenizer", "attention_mask", setup.prompts().attentionMask());

        Map<String, Object> earlyStop = new LinkedHashMap<>();
        earlyStop.put("enabled", plan.earlyStop().enabled());
        // A disarmed threshold is handed to nothing (and warned about), so it is not recorded either.
        earlyStop.put("target_kl", plan.earlyStop().enabled() ? plan.earlyStop().targetKl().getAsDouble() : null);
        context.effect("ppo.train", "early_stopping", earlyStop);
        context.effect("ppo.train", "updates_planned", (long) outcome.updatesPlanned());
        context.effect("ppo.train", "updates_run", (long) outcome.updatesRun());
        context.effect("ppo.train", "kl", outcome.updates().stream().map(UpdateMetrics::kl).collect(Collectors.toList()));
        context.effect("ppo.train", "mean_reward", outcome.updates().stream().map(UpdateMetrics::meanReward)
                .collect(Collectors.toList()));
        context.effect("ppo.train", "stopped_early", outcome.earlyStop().map(stop -> {
            Map<String, Object> at = new LinkedHashMap<>();
            at.put("update", (long) stop.update());
            at.put("kl", stop.kl());
            at.put("threshold", stop.threshold());
            return (Object) at;
        }).orElse(null));
        context.effect("ppo.train", "saved_model", outcome.savedModel().map(m -> m.checksum()).orElse(null));
        context.publish("updates_run", (long) outcome.updatesRun());
        outcome.savedModel().ifPresent(m -> context.publish("final_model", m.checksum()));
    }

    private static List<String> prompts(SpecFields context) throws TemplateProblem {
        Object raw = context.resolved(context.section("data").get("prompts"), "data/prompts");
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw new TemplateProblem(context.pointer("data/prompts"), "execute.ppo-prompts",
                    "a ppo task needs data.prompts: a non-empty list of prompt strings");
        }
        List<String> prompts = new ArrayList<>();
        for (Object prompt : list) {
            prompts.add(String.valueOf(prompt));
        }
        return prompts;
    }
}
