package io.flowmesh.reference.execute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flowmesh.reference.backend.hub.ResolvedModel;
import io.flowmesh.reference.parse.Hardware;
import io.flowmesh.reference.parse.TemplateProblem;

/**
 * Upstream's SFT, LoRA-SFT and DPO executors: the model load ({@code trainer.model}, with the load
 * flags upstream takes from {@code training}, and for SFT and LoRA SFT the checkpoint
 * {@code checkpoint.load} resumes from, {@code resume_from}, see {@link Checkpoints#forTraining}), the launch decision ({@code trainer.launch}), the
 * training set ({@link TrainingData}), the TRL config exactly as the trainer receives it, defaults
 * included ({@code trainer.config}, one effect per kwarg, by {@link TrainerRecipe}), LoRA's PEFT
 * config ({@code peft.config}) and what is saved ({@code trainer.save}).
 *
 * <p>On CPU no weights are trained: the saved artifacts are real files in the run's workspace that
 * name the base model and the config they were trained with ({@link TrainedArtifacts}), so later
 * stages resolve them ({@code task_id}, or a {@code ${stage.final_lora_archive}} placeholder) as they
 * would upstream. The results published are upstream's result fields ({@code final_model},
 * {@code final_model_archive}, {@code final_lora}, {@code final_lora_archive}) as artifact refs.
 */
final class TrainingExecutor implements Executor {

    /** The {@code lora} keys upstream's LoRA-SFT executor reads. */
    static final List<String> LORA = List.of("r", "alpha", "dropout", "bias", "target_modules", "task_type", "use_rslora");

    private static final List<String> PEFT_TASK_TYPES = List.of("SEQ_CLS", "SEQ_2_SEQ_LM", "CAUSAL_LM", "TOKEN_CLS",
            "QUESTION_ANS", "FEATURE_EXTRACTION");

    private final TrainerRecipe recipe;
    private final Map<String, List<String>> consumes;

    TrainingExecutor(TrainerRecipe recipe) {
        this.recipe = recipe;
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("training", recipe.trainingKeys());
        keys.put("data", recipe == TrainerRecipe.DPO ? TrainingData.DPO_KEYS : TrainingData.SFT_KEYS);
        if (recipe == TrainerRecipe.LORA_SFT) {
            keys.put("lora", LORA);
        }
        this.consumes = Map.copyOf(keys);
    }

    @Override
    public String name() {
        return recipe.executor();
    }

    @Override
    public Map<String, List<String>> consumes() {
        return consumes;
    }

    /** Training executors load their own data: they read exactly upstream's {@code data} keys. */
    @Override
    public List<String> consumedKeys(String section) {
        return consumes.getOrDefault(section, List.of());
    }

    @Override
    public Map<String, String> noEffectReasons() {
        return recipe == TrainerRecipe.LORA_SFT
                ? Map.of("training/allow_multi_gpu", "LoRA SFT runs on one GPU; upstream ignores allow_multi_gpu with a "
                        + "warning (lora_sft_executor.py)")
                : Map.of();
    }

    /**
     * The trainer's config, its training set and, for LoRA, its PEFT config, built as a run builds
     * them: the conversions upstream's executor applies ({@code int(batch_size)}, ...) refuse what
     * they would refuse when it runs.
     */
    @Override
    public void checkValues(SpecFields fields, ValueProblems problems) {
        problems.check(() -> trainerConfig(fields, resolved(fields, "training")));
        problems.check(() -> {
            if (recipe == TrainerRecipe.DPO) {
                TrainingData.dpo(fields);
            } else {
                TrainingData.sft(fields);
            }
        });
        if (recipe == TrainerRecipe.LORA_SFT) {
            problems.check(() -> peftConfig(fields));
        }
        if (recipe.multiGpu()) {
            problems.check(() -> deepspeed(fields, resolved(fields, "training")));
        }
    }

    @Override
    public void execute(TaskContext context) throws TemplateProblem {
        Map<String, Object> training = resolved(context, "training");
        ResolvedModel model = ModelLoading.load(context, "trainer.model");
        context.effect("trainer.model", "architecture", model.config().get("architectures"));
        if (recipe != TrainerRecipe.DPO) {
            // Upstream's SFT and LoRA-SFT executors resume from checkpoint.load (determine_resume_path).
            context.effect("trainer.model", "resume_from", Checkpoints.forTraining(context).orElse(null));
        }
        loadFlags(context, training);
        if (recipe.multiGpu()) {
            launch(context, training);
        }
        String textField = recipe == TrainerRecipe.DPO ? null : TrainingData.sft(context);
        if (recipe == TrainerRecipe.DPO) {
            TrainingData.dpo(context);
        }
        trainerConfig(context, training);
        recipe.fixedKwargs().forEach((kwarg, value) -> context.effect("trainer.config", kwarg, value));
        if (textField != null) {
            context.effect("trainer.config", "dataset_text_field", textField);
        }
        Map<String, Object> peft = recipe == TrainerRecipe.LORA_SFT ? peftConfig(context) : Map.of();
        if (!(Boolean) PyConversion.BOOL.apply(training.getOrDefault("save_model", true), "")) {
            context.effect("trainer.save", "saved", List.of());
            return;
        }
        TrainedArtifacts.save(context, recipe, model, peft);
    }

    /** What upstream's {@code build_hf_load_kwargs} and the executor take from {@code training}. */
    private void loadFlags(TaskContext context, Map<String, Object> training) throws TemplateProblem {
        if (recipe == TrainerRecipe.SFT) {
            // Upstream's SFT executor sets the tokenizer to right padding whatever was asked.
            context.effect("tokenizer", "padding_side", "right");
        } else if (truthy(training.get("padding_side"))) {
            context.effect("tokenizer", "padding_side", training.get("padding_side"));
        }
        if (context.backends().gpu()) {
            // Upstream picks a dtype only when CUDA is available.
            if (truthy(training.get("bf16"))) {
                context.effect("trainer.model", "dtype", "bfloat16");
            } else if (truthy(training.get("fp16"))) {
                context.effect("trainer.model", "dtype", "float16");
            }
        }
        if (truthy(training.get("load_in_4bit"))) {
            Map<String, Object> quantization = new LinkedHashMap<>();
            quantization.put("load_in_4bit", true);
            quantization.put("bnb_4bit_quant_type", training.getOrDefault("bnb_4bit_quant_type", "nf4"));
            quantization.put("bnb_4bit_use_double_quant", truthy(training.getOrDefault("bnb_4bit_use_double_quant", true)));
            context.effect("trainer.model", "quantization", quantization);
        } else if (truthy(training.get("load_in_8bit"))) {
            context.effect("trainer.model", "quantization", Map.of("load_in_8bit", true));
        }
        Boolean checkpointingDefault = recipe.gradientCheckpointingDefault();
        if (checkpointingDefault != null) {
            context.effect("trainer.model", "gradient_checkpointing",
                    truthy(training.getOrDefault("gradient_checkpointing", checkpointingDefault)));
        }
    }

    /**
     * Upstream's spawn decision: the GPUs are those {@code visible_devices} lists, else the ones the
     * task asks for ({@code resources.hardware.gpu.count}, which the worker it is placed on has);
     * with {@code allow_multi_gpu} absent, more than one GPU trains on all of them, {@code false}
     * keeps one process, and an SFT {@code deepspeed} config asks for a multi-GPU launch too.
     */
    private void launch(TaskContext context, Map<String, Object> training) throws TemplateProblem {
        Hardware hardware = context.spec().resources() == null ? null : context.spec().resources().hardware();
        int requested = hardware == null || hardware.gpu() == null || hardware.gpu().count() == null
                ? 0 : hardware.gpu().count();
        Object visible = training.get("visible_devices");
        int gpus = requested;
        if (truthy(visible)) {
            int listed = visible instanceof List<?> list ? list.size()
                    : (int) java.util.Arrays.stream(String.valueOf(visible).split(",")).filter(d -> !d.isBlank()).count();
            gpus = requested > 1 ? Math.min(requested, listed) : listed;
        }
        boolean deepspeed = recipe == TrainerRecipe.SFT && truthy(training.get("deepspeed"));
        boolean allow = training.get("allow_multi_gpu") == null ? gpus > 1 : truthy(training.get("allow_multi_gpu"));
        boolean multi = (allow || deepspeed) && gpus > 1;
        Map<String, Object> launch = new LinkedHashMap<>();
        launch.put("mode", !multi ? "in_process" : deepspeed ? "deepspeed" : "torchrun");
        launch.put("processes", (long) (multi ? gpus : 1));
        if (truthy(visible)) {
            launch.put("visible_devices", visible);
        }
        context.effect("trainer.launch", "launch", launch);
        deepspeed(context, training);
    }

    /** The trainer kwargs upstream's executor builds from {@code training}: {@code kwarg=conversion(value)}. */
    private void trainerConfig(SpecFields fields, Map<String, Object> training) throws TemplateProblem {
        for (TrainerKwarg kwarg : recipe.kwargs()) {
            Object value = training.containsKey(kwarg.key())
                    ? kwarg.conversion().apply(training.get(kwarg.key()), fields.pointer("training/" + kwarg.key()))
                    : kwarg.defaultValue();
            fields.effect("trainer.config", kwarg.kwarg(), value);
        }
    }

    /** An SFT {@code deepspeed} config, which must be a dict or a path: upstream hands it to the launcher. */
    private void deepspeed(SpecFields fields, Map<String, Object> training) throws TemplateProblem {
        if (recipe != TrainerRecipe.SFT || !truthy(training.get("deepspeed"))) {
            return;
        }
        Object config = training.get("deepspeed");
        if (!(config instanceof Map<?, ?>) && !(config instanceof String)) {
            throw new TemplateProblem(fields.pointer("training/deepspeed"), "execute.deepspeed",
                    "training.deepspeed must be a dict, path string, or falsy");
        }
        fields.effect("trainer.config", "deepspeed", config);
    }

    /** PEFT's LoraConfig as upstream builds it from {@code lora}, defaults included. */
    private static Map<String, Object> peftConfig(SpecFields context) throws TemplateProblem {
        Map<String, Object> lora = resolved(context, "lora");
        Object modules = lora.get("target_modules");
        if (!truthy(modules)) {
            modules = List.of("q_proj", "k_proj", "v_proj", "o_proj");
        } else if (!(modules instanceof List<?>)) {
            throw new TemplateProblem(context.pointer("lora/target_modules"), "execute.peft",
                    "lora.target_modules must be a list of module names");
        }
        String taskType = String.valueOf(PyConversion.STRING.apply(lora.getOrDefault("task_type", "CAUSAL_LM"), ""))
                .toUpperCase(java.util.Locale.ROOT);
        if (!PEFT_TASK_TYPES.contains(taskType)) {
            throw new TemplateProblem(context.pointer("lora/task_type"), "execute.peft",
                    "Unsupported LoRA task_type '" + taskType + "' (PEFT knows " + PEFT_TASK_TYPES + ")");
        }
        Map<String, Object> peft = new LinkedHashMap<>();
        peft.put("r", PyConversion.INT.apply(lora.getOrDefault("r", 16L), context.pointer("lora/r")));
        peft.put("lora_alpha", PyConversion.INT.apply(lora.getOrDefault("alpha", 32L), context.pointer("lora/alpha")));
        peft.put("lora_dropout", PyConversion.FLOAT.apply(lora.getOrDefault("dropout", 0.05), context.pointer("lora/dropout")));
        peft.put("bias", PyConversion.STRING.apply(lora.getOrDefault("bias", "none"), ""));
        List<Object> names = new java.util.ArrayList<>();
        ((List<?>) modules).forEach(m -> names.add(String.valueOf(m)));
        peft.put("target_modules", names);
        peft.put("task_type", taskType);
        peft.put("use_rslora", truthy(lora.getOrDefault("use_rslora", false)));
        peft.forEach((key, value) -> context.effect("peft.config", key, value));
        return peft;
    }

    private static Map<String, Object> resolved(SpecFields context, String section) throws TemplateProblem {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : context.section(section).entrySet()) {
            values.put(entry.getKey(), context.resolved(entry.getValue(), section + "/" + entry.getKey()));
        }
        return values;
    }

    private static boolean truthy(Object value) throws TemplateProblem {
        return (Boolean) PyConversion.BOOL.apply(value, "");
    }
}
