package io.flowmesh.reference.backend.vllm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The engine kwargs FlowMesh hands to vLLM's {@code LLM(...)}, checked for type and filled with
 * vLLM's defaults: {@code revision} defaults to {@code main} (the hub's default),
 * {@code tokenizer} to {@code model}, {@code tokenizer_revision} to {@code revision}.
 *
 * @param model the model identifier
 * @param revision the model revision
 * @param tokenizer the tokenizer identifier
 * @param tokenizerRevision the tokenizer revision
 * @param maxModelLen the requested context length, empty to derive it from the config
 * @param dtype the requested dtype as given ({@code auto} when absent)
 * @param tensorParallelSize the tensor parallel size (1 when absent)
 * @param trustRemoteCode whether the model's custom code may run
 * @param seed the engine seed (0 when absent, as in vLLM)
 * @param kwargs every kwarg as given, sorted by name, for reuse keys and effect records
 */
public record EngineArgs(String model, String revision, String tokenizer, String tokenizerRevision,
                         Optional<Integer> maxModelLen, String dtype, int tensorParallelSize,
                         boolean trustRemoteCode, long seed, Map<String, Object> kwargs) {

    /** The engine kwargs this engine accepts; any other name is refused, as vLLM's EngineArgs does. */
    public static final Set<String> KNOWN_KWARGS = Collections.unmodifiableSet(new TreeSet<>(List.of(
            "model", "revision", "tokenizer", "tokenizer_revision", "tokenizer_mode", "max_model_len", "dtype",
            "quantization", "kv_cache_dtype", "enforce_eager", "seed", "trust_remote_code",
            "gpu_memory_utilization", "tensor_parallel_size", "pipeline_parallel_size", "max_num_seqs",
            "max_num_batched_tokens", "swap_space", "block_size", "enable_prefix_caching",
            "enable_chunked_prefill", "enable_lora", "max_lora_rank", "max_loras", "max_cpu_loras",
            "download_dir", "served_model_name", "limit_mm_per_prompt", "task", "disable_log_stats", "cpu_offload_gb",
            "hf_overrides", "enable_mm_embeds", "max_cudagraph_capture_size", "hf_token")));

    private static final Set<String> DTYPES = Set.of("auto", "half", "float16", "bfloat16", "float", "float32");

    public EngineArgs {
        kwargs = Collections.unmodifiableMap(new TreeMap<>(kwargs));
    }

    /**
     * Checks and completes engine kwargs.
     *
     * @throws EngineLoadException for a missing model, an unknown kwarg or a value of the wrong type
     */
    public static EngineArgs fromKwargs(Map<String, Object> kwargs) throws EngineLoadException {
        for (String name : new TreeSet<>(kwargs.keySet())) {
            if (!KNOWN_KWARGS.contains(name)) {
                throw EngineLoadException.invalid(name, "unexpected engine argument '" + name + "'; known: "
                        + String.join(", ", KNOWN_KWARGS));
            }
        }
        String model = string(kwargs, "model", null);
        if (model == null || model.isBlank()) {
            throw EngineLoadException.invalid("model", "engine argument 'model' is required (the model identifier)");
        }
        String revision = string(kwargs, "revision", "main");
        String dtype = string(kwargs, "dtype", "auto");
        if (!DTYPES.contains(dtype)) {
            throw EngineLoadException.invalid("dtype", "engine argument 'dtype' must be one of " + new TreeSet<>(DTYPES)
                    + ", got '" + dtype + "'");
        }
        Optional<Integer> maxModelLen = kwargs.get("max_model_len") == null
                ? Optional.empty() : Optional.of(positiveInt(kwargs, "max_model_len"));
        int tensorParallelSize = kwargs.get("tensor_parallel_size") == null
                ? 1 : positiveInt(kwargs, "tensor_parallel_size");
        Object utilization = kwargs.get("gpu_memory_utilization");
        if (utilization != null && !(utilization instanceof Number n && !(utilization instanceof Boolean)
                && n.doubleValue() > 0 && n.doubleValue() <= 1)) {
            throw EngineLoadException.invalid("gpu_memory_utilization", "engine argument 'gpu_memory_utilization' must be a number in (0, 1], got "
                    + utilization);
        }
        return new EngineArgs(model, revision, string(kwargs, "tokenizer", model),
                string(kwargs, "tokenizer_revision", revision), maxModelLen, dtype, tensorParallelSize,
                bool(kwargs, "trust_remote_code"), kwargs.get("seed") == null ? 0 : integer(kwargs, "seed"),
                new LinkedHashMap<>(kwargs));
    }

    private static String string(Map<String, Object> kwargs, String name, String fallback) throws EngineLoadException {
        Object value = kwargs.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text)) {
            throw EngineLoadException.invalid(name, "engine argument '" + name + "' must be a string, got " + value);
        }
        return text;
    }

    private static boolean bool(Map<String, Object> kwargs, String name) throws EngineLoadException {
        Object value = kwargs.get(name);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean flag)) {
            throw EngineLoadException.invalid(name, "engine argument '" + name + "' must be a boolean, got " + value);
        }
        return flag;
    }

    private static long integer(Map<String, Object> kwargs, String name) throws EngineLoadException {
        Object value = kwargs.get(name);
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        throw EngineLoadException.invalid(name, "engine argument '" + name + "' must be an integer, got " + value);
    }

    private static int positiveInt(Map<String, Object> kwargs, String name) throws EngineLoadException {
        long value = integer(kwargs, name);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw EngineLoadException.invalid(name, "engine argument '" + name + "' must be a positive integer, got " + value);
        }
        return (int) value;
    }
}
