package io.flowmesh.reference.execute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.flowmesh.reference.backend.hub.ResolvedModel;
import io.flowmesh.reference.parse.ModelSource;
import io.flowmesh.reference.parse.TemplateProblem;

/**
 * How upstream's transformers executor ({@code transformers_executor.py}, {@code _ensure_model})
 * loads a model from {@code model.transformers}: the device ({@code device_map}: {@code auto},
 * {@code balanced} and {@code balanced_low_0} leave placement to accelerate, {@code cuda} needs a GPU,
 * {@code cpu} pins it, anything else takes the GPU when there is one; a GPU is there when the task's
 * worker has one), the revision
 * ({@code model.source.revision}, else {@code model.transformers.revision}), and the
 * {@code from_pretrained} kwargs exactly as the model class receives them, recorded on
 * {@code transformers.load}.
 *
 * @param mode {@code text-generation} or {@code visual-embedding}
 * @param device where the model runs: {@code cpu} or {@code cuda}
 * @param kwargs the {@code from_pretrained} kwargs, in upstream's order
 */
record TransformersLoad(String mode, String device, Map<String, Object> kwargs) {

    /** The {@code model.transformers} keys upstream's transformers executor reads. */
    static final List<String> KEYS = List.of("device_map", "dtype", "trust_remote_code", "low_cpu_mem_usage",
            "load_in_8bit", "load_in_4bit", "quantization", "use_flash_attention_2", "mode", "revision");

    private static final String CHANNEL = "transformers.load";
    private static final List<String> ACCELERATE_MAPS = List.of("auto", "balanced", "balanced_low_0");

    /** Resolves the model, records the load and returns it with the model. */
    static Loaded load(TaskContext context) throws TemplateProblem {
        Map<String, Object> cfg = config(context);
        String mode = mode(context, cfg);
        String placement = placement(context, cfg.get("device_map"));
        String dtype = dtype(context, cfg.get("dtype"));
        ModelSource source = context.spec().model() == null ? null : context.spec().model().source();
        boolean trustRemoteCode = source != null && Boolean.TRUE.equals(source.trustRemoteCode())
                || truthy(cfg.get("trust_remote_code"));
        Object revisionFallback = cfg.get("revision");
        ResolvedModel model = ModelLoading.load(context, CHANNEL,
                revisionFallback == null || "".equals(revisionFallback) ? null : String.valueOf(revisionFallback));
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("trust_remote_code", trustRemoteCode);
        kwargs.put("low_cpu_mem_usage", truthy(cfg.getOrDefault("low_cpu_mem_usage", true)));
        String revision = source != null && source.revision() != null && !source.revision().isEmpty()
                ? source.revision() : revisionFallback == null || "".equals(revisionFallback) ? null
                : String.valueOf(revisionFallback);
        if (revision != null) {
            kwargs.put("revision", revision);
        }
        if (truthy(cfg.get("load_in_8bit"))) {
            kwargs.put("load_in_8bit", true);
        }
        if (truthy(cfg.get("load_in_4bit"))) {
            kwargs.put("load_in_4bit", true);
        }
        if (truthy(cfg.get("quantization"))) {
            // Upstream takes the quantization config (AWQ, GPTQ) from the snapshot's config.json.
            kwargs.put("quantization_config", model.config().get("quantization_config"));
        }
        if (Boolean.TRUE.equals(cfg.get("use_flash_attention_2"))) {
            kwargs.put("use_flash_attention_2", true);
        }
        if (placement.equals("auto")) {
            kwargs.put("device_map", "auto");
        }
        kwargs.put("dtype", dtype);
        String device = placement.equals("auto") ? (gpu(context) ? "cuda" : "cpu") : placement;
        context.effect(CHANNEL, "architecture", model.config().get("architectures"));
        context.effect(CHANNEL, "mode", mode);
        context.effect(CHANNEL, "model_class", mode.equals("visual-embedding")
                ? "AutoModelForImageTextToText" : "AutoModelForCausalLM");
        context.effect(CHANNEL, "from_pretrained", kwargs);
        context.effect(CHANNEL, "device", device);
        return new Loaded(new TransformersLoad(mode, device, kwargs), model);
    }

    /**
     * A loaded model.
     *
     * @param load how it was loaded
     * @param model the snapshot it was loaded from
     */
    record Loaded(TransformersLoad load, ResolvedModel model) {
    }

    /**
     * The mode, once the mode and the dtype are checked: what the template alone decides of a load,
     * refused as {@link #load} refuses them.
     */
    static String checkedMode(SpecFields fields) throws TemplateProblem {
        Map<String, Object> cfg = config(fields);
        String mode = mode(fields, cfg);
        dtype(fields, cfg.get("dtype"));
        return mode;
    }

    private static Map<String, Object> config(SpecFields fields) throws TemplateProblem {
        Map<String, Object> cfg = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : fields.section("model.transformers").entrySet()) {
            cfg.put(entry.getKey(), fields.resolved(entry.getValue(), "model/transformers/" + entry.getKey()));
        }
        return cfg;
    }

    private static String mode(SpecFields fields, Map<String, Object> cfg) throws TemplateProblem {
        String mode = String.valueOf(cfg.getOrDefault("mode", "text-generation"));
        if (!mode.equals("text-generation") && !mode.equals("visual-embedding")) {
            throw new TemplateProblem(fields.pointer("model/transformers/mode"), "execute.transformers",
                    "Unsupported task type: " + mode + " (model.transformers.mode is text-generation or visual-embedding)");
        }
        return mode;
    }

    /** {@code _pick_device}: {@code auto} for accelerate's maps, else a single device. */
    private static String placement(TaskContext context, Object deviceMap) throws TemplateProblem {
        if (deviceMap != null && ACCELERATE_MAPS.contains(String.valueOf(deviceMap))) {
            return "auto";
        }
        if ("cuda".equals(deviceMap)) {
            if (!gpu(context)) {
                throw new TemplateProblem(context.pointer("model/transformers/device_map"), "execute.transformers",
                        "Requested CUDA but no GPU is available.");
            }
            return "cuda";
        }
        if ("cpu".equals(deviceMap)) {
            return "cpu";
        }
        return gpu(context) ? "cuda" : "cpu";
    }

    /**
     * Whether {@code torch.cuda.is_available()} holds where the task runs: on a GPU backend, or on a
     * worker the scheduler placed it on that has GPUs.
     */
    private static boolean gpu(TaskContext context) {
        return context.backends().gpu() || context.task().worker().gpuCount() > 0;
    }

    /** {@code _to_torch_dtype}: {@code auto}, or the torch dtype an alias names. */
    private static String dtype(SpecFields context, Object value) throws TemplateProblem {
        if (value == null || "".equals(value) || "auto".equals(value)) {
            return "auto";
        }
        switch (String.valueOf(value).toLowerCase(Locale.ROOT)) {
            case "float16":
            case "fp16":
                return "float16";
            case "bfloat16":
            case "bf16":
                return "bfloat16";
            case "float32":
            case "fp32":
                return "float32";
            default:
                throw new TemplateProblem(context.pointer("model/transformers/dtype"), "execute.transformers",
                        "Unsupported dtype: " + value);
        }
    }

    private static boolean truthy(Object value) throws TemplateProblem {
        return (Boolean) PyConversion.BOOL.apply(value, "");
    }
}
