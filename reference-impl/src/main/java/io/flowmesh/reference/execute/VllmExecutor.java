package io.flowmesh.reference.execute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flowmesh.reference.backend.vllm.EngineArgs;
import io.flowmesh.reference.backend.vllm.EngineLoadException;
import io.flowmesh.reference.backend.vllm.EngineRequestException;
import io.flowmesh.reference.backend.vllm.RequestOutput;
import io.flowmesh.reference.backend.vllm.SamplingParams;
import io.flowmesh.reference.backend.vllm.VllmEngine;
import io.flowmesh.reference.parse.Hardware;
import io.flowmesh.reference.parse.ModelSource;
import io.flowmesh.reference.parse.TemplateProblem;

/**
 * The vLLM executors: generation, generation with LoRA adapters, embedding and serving.
 *
 * <p>Engine kwargs (recorded on {@code vllm.engine}) are {@code model} from
 * {@code model.source.identifier}, {@code revision} from {@code model.source.revision} (the RFC fix:
 * upstream dropped it), and the whitelisted {@code model.vllm} keys, with {@code tensor_parallel_size}
 * capped by {@code resources.hardware.gpu.count}. They go to the run's vLLM backend (CPU stand-ins, or
 * real vLLM through the bridge with {@code backend=gpu}), which resolves the revision and, as vLLM
 * does, defaults {@code tokenizer_revision} to it; the commits it loaded are recorded
 * ({@code resolved_commit}, {@code tokenizer_commit}), and engines are reused only under a key that
 * holds identifier and revision. A load failure points at the field behind the kwarg it names.
 * {@code checkpoint.load} is resolved as upstream's vLLM executor resolves it ({@link Checkpoints#forVllm})
 * and the checkpoint upstream would initialise the engine from is recorded ({@code checkpoint}, null
 * when it falls back to the identifier); the CPU engine keeps serving the base snapshot's toy weights.
 * Upstream's further engine kwargs ({@code swap_space}, {@code cpu_offload_gb},
 * {@code max_num_batched_tokens}, {@code download_dir}, {@code enable_mm_embeds}, ...) go over with
 * upstream's conversions, and {@code rope_scaling} / {@code rope_theta} as {@code hf_overrides}, which
 * the CPU engine applies to the context length it derives, as vLLM does.
 * Sampling params come from {@code inference} ({@code vllm.sampling}), including {@code min_p},
 * {@code stop_token_ids}, {@code bad_words}, {@code logprobs} and {@code skip_special_tokens}; the
 * completions are recorded on {@code vllm.output}, with each token's log-probabilities when
 * {@code logprobs} is asked for.
 */
final class VllmExecutor implements Executor {

    /** The keys the vLLM executors read: engine kwargs, sampling params, prompting, serving. */
    static final List<String> VLLM_ENGINE = List.of("max_model_len", "dtype", "quantization", "kv_cache_dtype",
            "enforce_eager", "tokenizer_revision", "seed", "trust_remote_code", "gpu_memory_utilization",
            "tensor_parallel_size", "max_num_seqs", "enable_prefix_caching", "limit_mm_per_prompt", "max_lora_rank",
            "max_loras", "task", "revision", "download_dir", "max_num_batched_tokens", "max_cudagraph_capture_size",
            "enable_mm_embeds", "hf_token", "cpu_offload_gb", "swap_space", "rope_scaling", "rope_theta");
    /**
     * The engine kwargs upstream converts before handing them over ({@code accepted_engine_args}:
     * {@code float(swap_space)}, {@code int(max_num_batched_tokens)}, ...); the others go as written.
     */
    private static final Map<String, PyConversion> CONVERTED = Map.of("download_dir", PyConversion.STRING,
            "max_num_batched_tokens", PyConversion.INT, "max_cudagraph_capture_size", PyConversion.INT,
            "enable_mm_embeds", PyConversion.BOOL, "hf_token", PyConversion.STRING, "cpu_offload_gb", PyConversion.FLOAT,
            "swap_space", PyConversion.FLOAT);

    static final List<String> SAMPLING = List.of("temperature", "top_p", "top_k", "max_tokens", "min_tokens", "stop",
            "n", "seed", "presence_penalty", "frequency_penalty", "repetition_penalty", "min_p", "stop_token_ids",
            "bad_words", "logprobs", "skip_special_tokens");
    static final List<String> PROMPTING = List.of("use_chat_template", "system_prompt", "response_format", "batch_size",
            "prompt_column");
    static final List<String> INFERENCE = ExecutorCatalog.concat(SAMPLING, PROMPTING);
    static final List<String> SERVE = List.of("ttlSeconds", "readinessTimeoutSeconds", "accessMode", "port", "apiKey");

    /** Which vLLM executor. */
    enum Mode {
        /** Plain generation. */
        GENERATE("vllm"),
        /** Generation with LoRA adapters. */
        LORA("vllm_lora"),
        /** Embedding. */
        EMBED("vllm_embedding"),
        /** The OpenAI-compatible server. */
        SERVE("vllm_serve");

        private final String executorName;

        Mode(String executorName) {
            this.executorName = executorName;
        }
    }

    private final Mode mode;
    private final Map<String, List<String>> consumes;

    VllmExecutor(Mode mode) {
        this.mode = mode;
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("model.vllm", VLLM_ENGINE);
        switch (mode) {
            case EMBED:
                keys.put("embedding", ExecutorCatalog.EMBEDDING);
                keys.put("inference", List.of("batch_size"));
                break;
            case SERVE:
                keys.put(TaskContext.FIELDS, SERVE);
                break;
            default:
                keys.put("inference", INFERENCE);
        }
        this.consumes = Map.copyOf(keys);
    }

    @Override
    public String name() {
        return mode.executorName;
    }

    @Override
    public Map<String, List<String>> consumes() {
        return consumes;
    }

    /**
     * The engine kwargs as {@link EngineArgs} checks them on every backend, and for generation the
     * sampling params as {@link SamplingParams} checks them: the refusals of a load and a request
     * that the template alone decides.
     */
    @Override
    public void checkValues(SpecFields fields, ValueProblems problems) {
        problems.check(() -> {
            try {
                EngineArgs.fromKwargs(engineKwargs(fields));
            } catch (EngineLoadException e) {
                throw refused(fields, e);
            }
        });
        if (mode == Mode.GENERATE || mode == Mode.LORA) {
            problems.check(() -> {
                try {
                    SamplingParams.fromMap(sampling(fields));
                } catch (EngineRequestException e) {
                    throw refused(fields, e);
                }
            });
        }
    }

    @Override
    public void execute(TaskContext context) throws TemplateProblem {
        Map<String, Object> kwargs = engineKwargs(context);
        kwargs.forEach((key, value) -> context.effect("vllm.engine", key, value));
        VllmEngine engine;
        try {
            engine = context.backends().vllm().load(kwargs);
        } catch (EngineLoadException e) {
            throw refused(context, e);
        }
        context.effect("vllm.engine", "resolved_commit", engine.commit());
        context.effect("vllm.engine", "tokenizer_commit", engine.tokenizerCommit());
        context.effect("vllm.engine", "loaded", engine.facts());
        context.effect("vllm.engine", "checkpoint", Checkpoints.forVllm(context).orElse(null));
        if (mode == Mode.LORA) {
            LoraAdapters.handOver(context);
        }
        switch (mode) {
            case SERVE:
                context.handOver(TaskContext.FIELDS, SERVE, "vllm.serve");
                return;
            case EMBED:
                context.handOver("embedding", ExecutorCatalog.EMBEDDING, "vllm.embedding");
                context.handOver("inference", List.of("batch_size"), "vllm.embedding");
                return;
            default:
                generate(context, engine);
        }
    }

    private static TemplateProblem refused(SpecFields fields, EngineLoadException e) {
        return new TemplateProblem(fields.pointer(field(e.kwarg())),
                e.unresolved() ? "execute.model-resolution" : "execute.vllm-load", e.getMessage());
    }

    private static TemplateProblem refused(SpecFields fields, EngineRequestException e) {
        return new TemplateProblem(fields.pointer(e.parameter().map(key -> "inference/" + key).orElse("inference")),
                "execute.vllm-sampling", e.getMessage());
    }

    /**
     * The template field behind an engine kwarg, relative to the task spec: the kwargs come from
     * {@code model.source} ({@code model}, {@code revision}, {@code trust_remote_code}) and
     * {@code model.vllm} (the rest); a failure that names no kwarg belongs to {@code model.vllm}.
     */
    private static String field(Optional<String> kwarg) {
        if (kwarg.isEmpty()) {
            return "model/vllm";
        }
        switch (kwarg.get()) {
            case "model":
                return "model/source/identifier";
            case "revision":
            case "trust_remote_code":
                return "model/source/" + kwarg.get();
            default:
                return "model/vllm/" + kwarg.get();
        }
    }

    private static Map<String, Object> engineKwargs(SpecFields context) throws TemplateProblem {
        ModelSource source = context.spec().model() == null ? null : context.spec().model().source();
        if (source == null || source.identifier() == null) {
            throw new TemplateProblem(context.pointer("model"), "execute.no-model",
                    "a vLLM task needs model.source.identifier");
        }
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("model", source.identifier());
        if (source.revision() != null) {
            kwargs.put("revision", source.revision());
        }
        if (source.trustRemoteCode() != null) {
            kwargs.put("trust_remote_code", source.trustRemoteCode());
        }
        Map<String, Object> hfOverrides = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : context.section("model.vllm").entrySet()) {
            String key = entry.getKey();
            String pointer = "model/vllm/" + key;
            Object value = context.resolved(entry.getValue(), pointer);
            PyConversion conversion = CONVERTED.get(key);
            if (key.equals("rope_scaling")) {
                hfOverrides.put(key, value);
            } else if (key.equals("rope_theta")) {
                hfOverrides.put(key, PyConversion.FLOAT.apply(value, context.pointer(pointer)));
            } else {
                kwargs.put(key, conversion == null ? value : conversion.apply(value, context.pointer(pointer)));
            }
        }
        if (!hfOverrides.isEmpty()) {
            // Upstream hands rope_scaling and rope_theta to vLLM as config overrides.
            kwargs.put("hf_overrides", hfOverrides);
        }
        Object parallel = kwargs.get("tensor_parallel_size");
        Integer gpus = gpuCount(context);
        if (parallel instanceof Number requested && gpus != null && gpus > 0 && requested.longValue() > gpus) {
            kwargs.put("tensor_parallel_size", (long) gpus);
        }
        return kwargs;
    }

    private static Integer gpuCount(SpecFields context) {
        Hardware hardware = context.spec().resources() == null ? null : context.spec().resources().hardware();
        return hardware == null || hardware.gpu() == null ? null : hardware.gpu().count();
    }

    /** The sampling params of {@code inference}, as written. */
    private static Map<String, Object> sampling(SpecFields fields) {
        Map<String, Object> sampling = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : fields.section("inference").entrySet()) {
            if (SAMPLING.contains(entry.getKey())) {
                sampling.put(entry.getKey(), entry.getValue());
            }
        }
        return sampling;
    }

    private static void generate(TaskContext context, VllmEngine engine) throws TemplateProblem {
        Map<String, Object> sampling = sampling(context);
        sampling.forEach((key, value) -> context.effect("vllm.sampling", key, value));
        context.handOver("inference", PROMPTING, "vllm.request");
        List<String> prompts = Prompts.of(context);
        List<RequestOutput> outputs;
        try {
            outputs = engine.generate(prompts, sampling);
        } catch (EngineRequestException e) {
            throw refused(context, e);
        }
        List<Object> texts = new ArrayList<>();
        for (RequestOutput output : outputs) {
            List<Object> completions = new ArrayList<>();
            output.outputs().forEach(c -> completions.add(c.text()));
            texts.add(completions);
        }
        context.effect("vllm.output", "completions", texts);
        if (sampling.get("logprobs") != null) {
            List<Object> logprobs = new ArrayList<>();
            outputs.forEach(o -> o.outputs().forEach(c -> logprobs.add(c.logprobs())));
            context.effect("vllm.output", "logprobs", logprobs);
        }
        if (!outputs.isEmpty() && !outputs.get(0).outputs().isEmpty()) {
            context.publish("text", outputs.get(0).outputs().get(0).text());
        }
        context.publish("result", Map.of("outputs", texts));
    }
}
