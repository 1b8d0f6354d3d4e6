package io.flowmesh.reference.backend.vllm;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.flowmesh.reference.backend.hub.ModelResolutionException;
import io.flowmesh.reference.backend.hub.ModelStore;
import io.flowmesh.reference.backend.hub.ResolvedModel;

/**
 * Loads CPU stand-ins for vLLM engines from a {@link ModelStore}: real semantics at small scale.
 *
 * <p>A load does what vLLM does before touching weights: resolve model and tokenizer revisions
 * (tokenizer_revision defaulting to revision), read the snapshot's config, refuse unsupported
 * architectures and custom code without {@code trust_remote_code}, derive the context length from the
 * config (scaled by a {@code rope_scaling} factor, from {@code hf_overrides} or the config, as vLLM
 * scales it) and refuse a larger {@code max_model_len}, resolve {@code dtype: auto} to the config's
 * {@code torch_dtype}, and check that the attention heads split over {@code tensor_parallel_size}.
 * The error messages follow vLLM's wording.
 */
public final class CpuVllmEngineFactory {

    /** Architectures this engine serves; vLLM refuses others the same way. */
    public static final Set<String> SUPPORTED_ARCHITECTURES = Set.of("LlamaForCausalLM", "Qwen2ForCausalLM",
            "GPT2LMHeadModel", "MistralForCausalLM", "Qwen2VLForConditionalGeneration", "Qwen2_5OmniModel",
            "BertModel");

    /** Config keys vLLM reads a context limit from; the smallest present wins. */
    private static final List<String> POSITION_KEYS = List.of("max_position_embeddings", "n_positions",
            "max_seq_len", "seq_length", "model_max_length", "max_sequence_length", "max_seq_length", "seq_len");

    /** vLLM's fallback when a config states no context limit. */
    private static final int DEFAULT_MAX_MODEL_LEN = 2048;

    private final ModelStore store;
    private final CompletionMemo completions;

    /** A factory loading from this store, its engines remembering their completions among themselves. */
    public CpuVllmEngineFactory(ModelStore store) {
        this(store, new CompletionMemo());
    }

    /**
     * A factory loading from this store.
     *
     * @param completions where its engines remember their completions, shared with other factories' engines
     */
    public CpuVllmEngineFactory(ModelStore store, CompletionMemo completions) {
        this.store = Objects.requireNonNull(store, "store");
        this.completions = Objects.requireNonNull(completions, "completions");
    }

    /**
     * Loads an engine for these engine kwargs.
     *
     * @throws EngineLoadException when the kwargs are malformed, a revision does not resolve, or the
     *     kwargs contradict the model's config
     */
    public CpuVllmEngine load(Map<String, Object> engineKwargs) throws EngineLoadException {
        return load(EngineArgs.fromKwargs(engineKwargs));
    }

    /** Loads an engine for already checked engine args. */
    public CpuVllmEngine load(EngineArgs args) throws EngineLoadException {
        return start(resolve(args), args);
    }

    /**
     * Does every check and resolution of a load and reports what the engine would serve, without
     * starting it; the {@link EngineCache} keys warm engines on this.
     *
     * @throws EngineLoadException when a revision does not resolve or the kwargs contradict the config
     */
    public LoadedEngine resolve(EngineArgs args) throws EngineLoadException {
        ResolvedModel model = resolve(args.model(), args.revision(), "revision");
        // A tokenizer revision that defaults to the revision belongs to the revision's field.
        String tokenizerKwarg = args.kwargs().containsKey("tokenizer_revision") ? "tokenizer_revision" : "revision";
        ResolvedModel tokenizer = resolve(args.tokenizer(), args.tokenizerRevision(), tokenizerKwarg);
        if (!Files.isRegularFile(tokenizer.snapshotDir().resolve("tokenizer_config.json"))) {
            throw EngineLoadException.invalid(tokenizerKwarg, "tokenizer '" + args.tokenizer() + "' at revision '"
                    + args.tokenizerRevision() + "' has no tokenizer_config.json in snapshot " + tokenizer.commit());
        }
        List<String> architectures = architectures(model);
        if (architectures.stream().noneMatch(SUPPORTED_ARCHITECTURES::contains)) {
            throw EngineLoadException.invalid("model", "Model architectures " + architectures + " of '" + args.model()
                    + "' are not supported for now. Supported architectures: "
                    + new TreeSet<>(SUPPORTED_ARCHITECTURES));
        }
        if (model.config().containsKey("auto_map") && !args.trustRemoteCode()) {
            throw EngineLoadException.invalid("trust_remote_code", "model '" + args.model() + "' at revision '"
                    + args.revision() + "' requires custom code (config.json has auto_map); set trust_remote_code=True to load it");
        }
        int maxModelLen = maxModelLen(model, args);
        long heads = model.configLong("num_attention_heads").orElse(1L);
        if (heads % args.tensorParallelSize() != 0) {
            throw EngineLoadException.invalid("tensor_parallel_size", "Total number of attention heads (" + heads
                    + ") must be divisible by tensor parallel size (" + args.tensorParallelSize() + ").");
        }
        return new LoadedEngine(model.identifier(), model.requestedRevision(), model.commit(),
                tokenizer.identifier(), tokenizer.requestedRevision(), tokenizer.commit(), architectures,
                model.configString("model_type").orElse(""), model.configLong("num_hidden_layers").orElse(0L),
                model.configLong("vocab_size").orElse(0L), maxModelLen, dtype(model, args.dtype()), args.kwargs());
    }

    /** Starts an engine serving what {@link #resolve} reported for these args. */
    CpuVllmEngine start(LoadedEngine loaded, EngineArgs args) {
        return new CpuVllmEngine(loaded, args.seed(), completions);
    }

    /** Resolves through the store; a failure belongs to {@code model} when the store lacks the model. */
    private ResolvedModel resolve(String identifier, String revision, String revisionKwarg) throws EngineLoadException {
        try {
            return store.resolve(identifier, revision);
        } catch (ModelResolutionException e) {
            throw EngineLoadException.unresolved(store.refs(identifier).isEmpty() ? "model" : revisionKwarg,
                    e.getMessage());
        }
    }

    private static List<String> architectures(ResolvedModel model) {
        List<String> names = new ArrayList<>();
        if (model.config().get("architectures") instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(names::add);
        }
        return names;
    }

    private static int maxModelLen(ResolvedModel model, EngineArgs args) throws EngineLoadException {
        String limitKey = null;
        long derived = Long.MAX_VALUE;
        for (String key : POSITION_KEYS) {
            long value = model.configLong(key).orElse(Long.MAX_VALUE);
            if (value < derived) {
                derived = value;
                limitKey = key;
            }
        }
        double factor = ropeScalingFactor(model, args);
        if (limitKey != null && factor != 1.0) {
            derived = (long) (derived * factor);
        }
        if (args.maxModelLen().isEmpty()) {
            return limitKey == null ? DEFAULT_MAX_MODEL_LEN : (int) Math.min(derived, Integer.MAX_VALUE);
        }
        int requested = args.maxModelLen().get();
        if (limitKey != null && requested > derived) {
            throw EngineLoadException.invalid("max_model_len", "User-specified max_model_len (" + requested
                    + ") is greater than the derived max_model_len (" + limitKey + "=" + derived
                    + " in model's config.json) of '" + args.model() + "' at revision '" + args.revision() + "'");
        }
        return requested;
    }

    /**
     * The factor vLLM scales the derived context length by: {@code rope_scaling.factor} from
     * {@code hf_overrides} (else the config), unless its type is one vLLM does not scale ({@code su},
     * {@code longrope}, {@code llama3}); 1 without rope scaling.
     */
    private static double ropeScalingFactor(ResolvedModel model, EngineArgs args) {
        Object overrides = args.kwargs().get("hf_overrides");
        Object scaling = overrides instanceof Map<?, ?> map && map.containsKey("rope_scaling") ? map.get("rope_scaling")
                : model.config().get("rope_scaling");
        if (!(scaling instanceof Map<?, ?> rope) || !(rope.get("factor") instanceof Number factor)) {
            return 1.0;
        }
        Object type = rope.containsKey("rope_type") ? rope.get("rope_type") : rope.get("type");
        return List.of("su", "longrope", "llama3").contains(String.valueOf(type)) ? 1.0 : factor.doubleValue();
    }

    private static String dtype(ResolvedModel model, String requested) {
        switch (requested) {
            case "auto":
                return model.configString("torch_dtype").orElse("float32");
            case "half":
                return "float16";
            case "float":
                return "float32";
            default:
                return requested;
        }
    }
}
