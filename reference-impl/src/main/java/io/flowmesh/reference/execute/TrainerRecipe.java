package io.flowmesh.reference.execute;

import static io.flowmesh.reference.execute.PyConversion.BOOL;
import static io.flowmesh.reference.execute.PyConversion.FLOAT;
import static io.flowmesh.reference.execute.PyConversion.INT;
import static io.flowmesh.reference.execute.PyConversion.STRING;
import static io.flowmesh.reference.execute.TrainerKwarg.renamed;
import static io.flowmesh.reference.execute.TrainerKwarg.same;

import java.util.List;
import java.util.Map;

/**
 * What upstream's SFT, LoRA-SFT and DPO executors ({@code sft_executor.py},
 * {@code lora_sft_executor.py}, {@code dpo_executor.py}) read from {@code training} and hand their
 * TRL config: each kwarg with upstream's template key, conversion and default, in upstream's order.
 * Upstream reads {@code training.batch_size} (not {@code per_device_train_batch_size}), and no
 * {@code model.config} key at all: load flags such as {@code load_in_4bit} come from {@code training}.
 */
enum TrainerRecipe {

    /** TRL's SFTTrainer, full fine-tuning. */
    SFT("sft", "SFTConfig", sftKwargs(5e-5, same("gradient_checkpointing", BOOL, true)), true, true),
    /** TRL's SFTTrainer on a PEFT LoRA model; upstream runs it on one GPU. */
    LORA_SFT("lora_sft", "SFTConfig", sftKwargs(2e-4), false, false),
    /** TRL's DPOTrainer with a frozen reference model. */
    DPO("dpo", "DPOConfig", List.of(
            same("learning_rate", FLOAT, 5e-7),
            renamed("batch_size", "per_device_train_batch_size", INT, 4L),
            same("gradient_accumulation_steps", INT, 1L),
            same("num_train_epochs", INT, 1L),
            renamed("save_freq", "save_steps", INT, 500L)),
            false, true);

    /** The {@code training} keys every recipe reads besides the config kwargs: model loading and saving. */
    static final List<String> LOADING = List.of("save_model", "padding_side", "load_in_4bit", "load_in_8bit",
            "bnb_4bit_quant_type", "bnb_4bit_use_double_quant", "bf16", "fp16");

    private final String executor;
    private final String configClass;
    private final List<TrainerKwarg> kwargs;
    private final boolean gradientCheckpointingDefault;
    private final boolean multiGpu;

    TrainerRecipe(String executor, String configClass, List<TrainerKwarg> kwargs, boolean gradientCheckpointingDefault,
            boolean multiGpu) {
        this.executor = executor;
        this.configClass = configClass;
        this.kwargs = kwargs;
        this.gradientCheckpointingDefault = gradientCheckpointingDefault;
        this.multiGpu = multiGpu;
    }

    /**
     * The SFTConfig kwargs SFT and LoRA SFT share, in upstream's order; they differ only in the default
     * learning rate and in what follows.
     */
    private static List<TrainerKwarg> sftKwargs(double learningRate, TrainerKwarg... after) {
        List<TrainerKwarg> kwargs = new java.util.ArrayList<>(List.of(
                same("num_train_epochs", FLOAT, 1.0),
                renamed("batch_size", "per_device_train_batch_size", INT, 2L),
                same("gradient_accumulation_steps", INT, 1L),
                same("learning_rate", FLOAT, learningRate),
                same("warmup_steps", INT, 0L),
                same("logging_steps", INT, 10L),
                same("save_steps", INT, 100L),
                same("save_strategy", STRING, "steps"),
                same("fp16", BOOL, false),
                same("bf16", BOOL, false),
                renamed("max_seq_length", "max_length", INT, 1024L),
                same("packing", BOOL, false)));
        kwargs.addAll(List.of(after));
        return List.copyOf(kwargs);
    }

    /** The executor's name. */
    String executor() {
        return executor;
    }

    /** The TRL config class the kwargs go to. */
    String configClass() {
        return configClass;
    }

    /** The config kwargs taken from {@code training}. */
    List<TrainerKwarg> kwargs() {
        return kwargs;
    }

    /**
     * Kwargs upstream passes whatever the template says: SFT's {@code report_to=[]} (no default
     * wandb), DPO's {@code logging_steps=10}.
     */
    Map<String, Object> fixedKwargs() {
        return this == DPO ? Map.of("logging_steps", 10L) : Map.of("report_to", List.of());
    }

    /**
     * Whether the model's gradient checkpointing is on when {@code training.gradient_checkpointing} is
     * absent: on for SFT, off for LoRA SFT; DPO never turns it on.
     */
    Boolean gradientCheckpointingDefault() {
        return this == DPO ? null : gradientCheckpointingDefault;
    }

    /** Whether {@code allow_multi_gpu} may launch a multi-GPU run (SFT and DPO; LoRA SFT ignores it). */
    boolean multiGpu() {
        return multiGpu;
    }

    /** Every {@code training} key the recipe reads. */
    List<String> trainingKeys() {
        List<String> keys = new java.util.ArrayList<>();
        kwargs.forEach(k -> keys.add(k.key()));
        LOADING.stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        if (this != DPO && !keys.contains("gradient_checkpointing")) {
            keys.add("gradient_checkpointing");
        }
        if (multiGpu) {
            keys.add("allow_multi_gpu");
            keys.add("visible_devices");
        }
        if (this == SFT) {
            keys.add("deepspeed");
        }
        return List.copyOf(keys);
    }
}
