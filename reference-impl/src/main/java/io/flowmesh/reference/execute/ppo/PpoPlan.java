package io.flowmesh.reference.execute.ppo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

import io.flowmesh.reference.backend.ppo.PpoSetup;

/**
 * What the PPO executor does with a template's {@code training}, {@code generation},
 * {@code reward_model} and prompts, decided before anything runs.
 *
 * <p>{@link #trlConfig()} holds exactly the TRL 0.23 {@code PPOConfig} keyword arguments FlowMesh hands
 * over, in a fixed order, and only those whose template key is present (plus {@code report_to}, which
 * is always decided). TRL 0.23 has none of {@code target_kl}, {@code early_stopping}, {@code log_with},
 * {@code tracker_project_name}, {@code padding_side}, {@code do_sample} or {@code optimize_cuda_cache};
 * none of these names ever appears in it. The mapping:
 * <ul>
 *   <li>{@code learning_rate}, {@code seed}, {@code gradient_accumulation_steps}, {@code kl_coef}: same names;
 *   <li>{@code batch_size} -> {@code per_device_train_batch_size};
 *   <li>{@code mini_batch_size} -> {@code num_mini_batches = batch_size / mini_batch_size} (it must divide);
 *   <li>{@code ppo_epochs} -> {@code num_ppo_epochs};
 *   <li>{@code steps} -> {@code total_episodes = steps * batch_size * gradient_accumulation_steps}:
 *       TRL 0.23 runs {@code num_total_batches = ceil(total_episodes / batch_size)} updates with
 *       {@code batch_size = local_batch_size * world_size} and {@code local_batch_size =
 *       per_device_train_batch_size * gradient_accumulation_steps} (no {@code num_mini_batches} factor
 *       since TRL 0.17: the rollout batch is split into the minibatches), so on one process one template
 *       step is one PPO update;
 *   <li>{@code max_new_tokens} -> {@code response_length}; {@code temperature} -> {@code temperature};
 *   <li>{@code log_with} -> {@code report_to}: absent, null or {@code ""} -> {@code "none"}, a string ->
 *       a one-element list, a list of strings -> that list, anything else an error;
 *   <li>{@code tracker_project_name} -> {@code project};
 *   <li>{@code save_model}/{@code save_freq} -> {@code save_strategy} ({@code "no"} when save_model is
 *       false, {@code "steps"} when save_freq is set) and {@code save_steps}; save_model also decides
 *       whether the final model is saved ({@link #saveFinalModel()}, default true);
 *   <li>{@code padding_side} -> {@link #tokenizerKwargs()} only.
 * </ul>
 * {@code target_kl} and {@code early_stopping} become {@link #earlyStop()}, FlowMesh's own KL stop;
 * target_kl is never aliased to kl_coef.
 *
 * @param trlConfig the PPOConfig keyword arguments, in order
 * @param tokenizerKwargs keyword arguments for the tokenizer
 * @param earlyStop FlowMesh's KL early stop
 * @param saveFinalModel whether the final model is saved when the run ends
 * @param setup what the backend is handed: the models, {@link #trlConfig()}, {@link #tokenizerKwargs()}
 *     and the prompts; the backend derives the rest as TRL does and reports what it received
 * @param warnings keys that are accepted but do less than their names suggest, in template order
 */
public record PpoPlan(Map<String, Object> trlConfig, Map<String, Object> tokenizerKwargs,
        EarlyStopSettings earlyStop, boolean saveFinalModel, PpoSetup setup, List<PpoWarning> warnings) {

    /** The {@code training} keys the PPO executor reads. */
    public static final Set<String> TRAINING_KEYS = Set.of("learning_rate", "batch_size", "mini_batch_size",
            "gradient_accumulation_steps", "steps", "ppo_epochs", "kl_coef", "target_kl", "early_stopping",
            "seed", "save_model", "save_freq", "log_with", "tracker_project_name", "padding_side");

    /** The {@code generation} keys the PPO executor reads. */
    public static final Set<String> GENERATION_KEYS = Set.of("max_new_tokens", "temperature");

    /** The {@code reward_model} keys the PPO executor reads. */
    public static final Set<String> REWARD_MODEL_KEYS = Set.of("identifier", "type", "batch_size");

    /** TRL 0.23's {@code per_device_train_batch_size} default, which {@code mini_batch_size} must divide. */
    static final int DEFAULT_PER_DEVICE_BATCH = 8;

    public PpoPlan {
        trlConfig = Collections.unmodifiableMap(new LinkedHashMap<>(trlConfig));
        tokenizerKwargs = Collections.unmodifiableMap(new LinkedHashMap<>(tokenizerKwargs));
        Objects.requireNonNull(earlyStop, "earlyStop");
        Objects.requireNonNull(setup, "setup");
        warnings = List.copyOf(warnings);
    }

    /**
     * Validates a PPO task's sections and decides what runs.
     *
     * @param training the {@code training} section, or null
     * @param generation the {@code generation} section, or null
     * @param rewardModel the {@code reward_model} section, or null
     * @param policyIdentifier {@code model/source/identifier}
     * @param revision {@code model/source/revision}, or null
     * @param prompts {@code data/prompts}
     * @return the plan
     * @throws PpoConfigException naming the first offending key, relative to the task spec
     */
    public static PpoPlan from(Map<String, Object> training, Map<String, Object> generation,
            Map<String, Object> rewardModel, String policyIdentifier, String revision, List<String> prompts)
            throws PpoConfigException {
        SectionReader t = new SectionReader("training", training);
        SectionReader g = new SectionReader("generation", generation);
        List<PpoWarning> warnings = new ArrayList<>();
        if (policyIdentifier == null || policyIdentifier.isBlank()) {
            throw new PpoConfigException("model/source/identifier", "the PPO policy model is required");
        }
        List<String> promptList = checkedPrompts(prompts);
        checkRewardModel(new SectionReader("reward_model", rewardModel));

        OptionalDouble learningRate = t.positiveNumber("learning_rate");
        OptionalInt seed = t.nonNegativeInt("seed");
        OptionalInt batchSize = t.positiveInt("batch_size");
        OptionalInt miniBatchSize = t.positiveInt("mini_batch_size");
        OptionalInt accumulation = t.positiveInt("gradient_accumulation_steps");
        OptionalInt steps = t.positiveInt("steps");
        OptionalInt ppoEpochs = t.positiveInt("ppo_epochs");
        OptionalDouble klCoef = t.nonNegativeNumber("kl_coef");
        OptionalInt responseLength = g.positiveInt("max_new_tokens");
        OptionalDouble temperature = g.positiveNumber("temperature");

        int perDevice = batchSize.orElse(DEFAULT_PER_DEVICE_BATCH);
        int miniBatches = 1;
        if (miniBatchSize.isPresent()) {
            int mini = miniBatchSize.getAsInt();
            if (mini > perDevice || perDevice % mini != 0) {
                throw new PpoConfigException(t.path("mini_batch_size"), "must divide training/batch_size ("
                        + perDevice + "), got " + mini);
            }
            miniBatches = perDevice / mini;
        }
        int accumulationSteps = accumulation.orElse(1);
        long rolloutEpisodes = (long) perDevice * accumulationSteps;
        if (rolloutEpisodes > Integer.MAX_VALUE) {
            throw new PpoConfigException(t.path("gradient_accumulation_steps"),
                    "batch_size x gradient_accumulation_steps is too large: " + rolloutEpisodes);
        }
        int rolloutBatch = (int) rolloutEpisodes;

        Map<String, Object> trl = new LinkedHashMap<>();
        learningRate.ifPresent(v -> trl.put("learning_rate", v));
        seed.ifPresent(v -> trl.put("seed", v));
        batchSize.ifPresent(v -> trl.put("per_device_train_batch_size", v));
        accumulation.ifPresent(v -> trl.put("gradient_accumulation_steps", v));
        if (miniBatchSize.isPresent()) {
            trl.put("num_mini_batches", miniBatches);
        }
        ppoEpochs.ifPresent(v -> trl.put("num_ppo_epochs", v));
        klCoef.ifPresent(v -> trl.put("kl_coef", v));
        if (steps.isPresent()) {
            long episodes = (long) steps.getAsInt() * rolloutBatch;
            if (episodes > Integer.MAX_VALUE) {
                throw new PpoConfigException(t.path("steps"), "steps x rollout batch (" + episodes
                        + " episodes) exceeds TRL's total_episodes range");
            }
            trl.put("total_episodes", (int) episodes);
        }
        responseLength.ifPresent(v -> trl.put("response_length", v));
        temperature.ifPresent(v -> trl.put("temperature", v));
        trl.put("report_to", reportTo(t));
        t.string("tracker_project_name").ifPresent(v -> trl.put("project", v));
        boolean saveFinalModel = saveFlags(t, trl, warnings);

        Map<String, Object> tokenizer = new LinkedHashMap<>();
        Optional<String> paddingSide = t.string("padding_side");
        if (paddingSide.isPresent()) {
            if (!paddingSide.get().equals("left") && !paddingSide.get().equals("right")) {
                throw new PpoConfigException(t.path("padding_side"),
                        "expected \"left\" or \"right\", got \"" + paddingSide.get() + "\"");
            }
            tokenizer.put("padding_side", paddingSide.get());
        }

        EarlyStopSettings earlyStop = earlyStop(t, warnings);

        PpoSetup setup = new PpoSetup(policyIdentifier, revision, trl, tokenizer, promptList);
        return new PpoPlan(trl, tokenizer, earlyStop, saveFinalModel, setup, warnings);
    }

    private static List<String> checkedPrompts(List<String> prompts) throws PpoConfigException {
        if (prompts == null || prompts.isEmpty()) {
            throw new PpoConfigException("data/prompts", "PPO needs at least one prompt");
        }
        for (int i = 0; i < prompts.size(); i++) {
            Object prompt = prompts.get(i);
            if (!(prompt instanceof String s) || s.isBlank()) {
                throw new PpoConfigException("data/prompts/" + i,
                        "expected a non-empty string, got " + SectionReader.describe(prompt));
            }
        }
        return List.copyOf(prompts);
    }

    private static void checkRewardModel(SectionReader r) throws PpoConfigException {
        r.string("identifier");
        Optional<String> type = r.string("type");
        if (type.isPresent() && !type.get().equals("sentiment")) {
            throw new PpoConfigException(r.path("type"), "the only reward model type is \"sentiment\", got \""
                    + type.get() + "\"");
        }
        r.positiveInt("batch_size");
    }

    /** Upstream's rule: None or "" -> "none", a string -> [string], a list -> the list, else an error. */
    private static Object reportTo(SectionReader t) throws PpoConfigException {
        Object logWith = t.raw("log_with");
        if (logWith == null || "".equals(logWith)) {
            return "none";
        }
        if (logWith instanceof String s) {
            return List.of(s);
        }
        if (logWith instanceof List<?> list) {
            List<String> trackers = new ArrayList<>(list.size());
            for (Object tracker : list) {
                if (!(tracker instanceof String s)) {
                    throw new PpoConfigException(t.path("log_with"),
                            "a list of tracker names must hold strings only, got " + SectionReader.describe(tracker));
                }
                trackers.add(s);
            }
            return List.copyOf(trackers);
        }
        throw new PpoConfigException(t.path("log_with"),
                "expected a tracker name or a list of them, got " + SectionReader.describe(logWith));
    }

    private static boolean saveFlags(SectionReader t, Map<String, Object> trl, List<PpoWarning> warnings)
            throws PpoConfigException {
        Optional<Boolean> saveModel = t.bool("save_model");
        OptionalInt saveFreq = t.positiveInt("save_freq");
        if (saveModel.isPresent() && !saveModel.get()) {
            trl.put("save_strategy", "no");
            if (saveFreq.isPresent()) {
                warnings.add(new PpoWarning(t.path("save_freq"),
                        "training/save_model is false, so no checkpoint is saved and save_freq has no effect"));
            }
        } else if (saveFreq.isPresent()) {
            trl.put("save_strategy", "steps");
            trl.put("save_steps", saveFreq.getAsInt());
        }
        return saveModel.orElse(true);
    }

    private static EarlyStopSettings earlyStop(SectionReader t, List<PpoWarning> warnings)
            throws PpoConfigException {
        Optional<Boolean> enabled = t.bool("early_stopping");
        OptionalDouble targetKl = t.number("target_kl");
        if (enabled.orElse(false)) {
            if (targetKl.isEmpty()) {
                throw new PpoConfigException(t.path("target_kl"),
                        "training/early_stopping is true, so target_kl is required (a positive KL threshold)");
            }
            if (!(targetKl.getAsDouble() > 0)) {
                throw new PpoConfigException(t.path("target_kl"),
                        "must be a positive KL threshold when early_stopping is true, got " + targetKl.getAsDouble());
            }
            return EarlyStopSettings.armed(targetKl.getAsDouble());
        }
        if (targetKl.isPresent()) {
            warnings.add(new PpoWarning(t.path("target_kl"), "training/early_stopping is not true, so target_kl "
                    + "arms no early stop (it is a stop threshold, never the KL penalty kl_coef)"));
        }
        return new EarlyStopSettings(false, targetKl);
    }

}
