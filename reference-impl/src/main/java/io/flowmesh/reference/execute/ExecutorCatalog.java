package io.flowmesh.reference.execute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.flowmesh.reference.parse.Model;
import io.flowmesh.reference.parse.TaskSpec;

/**
 * Every executor of the reference implementation, and the routing upstream uses to pick one:
 * {@code inference} goes to transformers when {@code enforce_cpu} is set or only
 * {@code model.transformers} is given, to the LoRA vLLM executor when any adapter is given, and to vLLM
 * otherwise; {@code embedding} goes to vLLM when {@code model.vllm} is set; every other task type has
 * one executor.
 */
public final class ExecutorCatalog {

    /**
     * The keys each catalog executor reads, by section: the one place they are declared. The
     * transformers inference executor declares its own ({@link TransformersLoad#KEYS},
     * {@link TransformersInferenceExecutor#GENERATION}); {@code TRANSFORMERS} is what the embedding,
     * image classification and omni executors read of {@code model.transformers}.
     */
    static final List<String> TRANSFORMERS = List.of("torch_dtype", "device_map", "attn_implementation",
            "low_cpu_mem_usage", "max_batch_size");
    static final List<String> DIFFUSERS = List.of("torch_dtype", "variant", "num_inference_steps", "guidance_scale",
            "height", "width");
    static final List<String> MODEL_CONFIG = List.of("bf16", "device_map_auto", "load_in_8bit", "load_in_4bit",
            "gradient_checkpointing");
    static final List<String> TRAINER = List.of("learning_rate", "num_train_epochs", "max_steps",
            "per_device_train_batch_size", "gradient_accumulation_steps", "warmup_ratio", "lr_scheduler_type",
            "max_seq_length", "seed", "logging_steps", "save_steps", "bf16");
    static final List<String> EMBEDDING = List.of("model", "normalize", "batch_size");
    static final List<String> API = List.of("url", "method", "headers", "body", "response", "timeoutSec");
    static final List<String> SSH = List.of("interactive", "image", "user", "authorizedKeys", "command", "entrypoint",
            "ttlSeconds", "idleTimeoutSeconds", "accessMode", "inputs", "sshOutput", "env");
    static final List<String> PYTHON = List.of("code", "entrypoint", "image", "requirements", "inputs",
            "timeoutSeconds", "network", "env", "emits", "pythonOutput");
    static final List<String> RAG_FIELDS = List.of("query");
    static final List<String> OMNI = List.of("output_format", "sample_rate", "speaker", "language", "voice",
            "duration_seconds", "width", "height", "num_inference_steps", "guidance_scale", "seed");
    static final List<String> QDRANT = List.of("url", "api_key", "collection");
    static final List<String> SEARCH = List.of("top_k", "score_threshold");
    static final List<String> PROFILING = List.of("columns", "metrics", "sample_size");
    static final List<String> RETRIEVAL = List.of("query", "top_k", "source");

    /** Two key lists as one, without repeats. */
    static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).distinct().toList();
    }

    private final Map<String, Executor> executors = new LinkedHashMap<>();

    private ExecutorCatalog() {
    }

    /** The reference executors. */
    public static ExecutorCatalog standard() {
        ExecutorCatalog catalog = new ExecutorCatalog();
        catalog.add(new VllmExecutor(VllmExecutor.Mode.GENERATE));
        catalog.add(new VllmExecutor(VllmExecutor.Mode.LORA));
        catalog.add(new VllmExecutor(VllmExecutor.Mode.EMBED));
        catalog.add(new VllmExecutor(VllmExecutor.Mode.SERVE));
        catalog.add(new TransformersInferenceExecutor());
        catalog.add(new ModelExecutor("transformers_embedding", "transformers.load",
                sections("model.transformers", "transformers.load", "embedding", "embedding"),
                Map.of("model.transformers", TRANSFORMERS, "embedding", EMBEDDING)));
        // Upstream has one spec, and one executor, per image classification and omni task type.
        for (String imageClassification : List.of("image_classification", "image_classification_training")) {
            catalog.add(new ModelExecutor(imageClassification, "transformers.load",
                    sections("model.transformers", "transformers.load", "training", "trainer.config"),
                    Map.of("model.transformers", TRANSFORMERS, "training", TRAINER)));
        }
        for (OmniExecutor.Kind kind : OmniExecutor.Kind.values()) {
            catalog.add(new OmniExecutor(kind));
        }
        // Not yet read against upstream's omni_text2image and omni_text2speech executors.
        for (String omni : List.of("omni_text2image", "omni_text2speech")) {
            catalog.add(new ModelExecutor(omni, "omni.load",
                    sections("model.transformers", "omni.load", "inference", "omni.generate", "omni", "omni.generate"),
                    Map.of("model.transformers", TRANSFORMERS, "inference", VllmExecutor.INFERENCE, "omni", OMNI)));
        }
        catalog.add(new ModelExecutor("diffusers", "diffusers.load",
                sections("model.diffusers", "diffusers.pipeline", "inference", "diffusers.pipeline"),
                Map.of("model.diffusers", DIFFUSERS, "inference", List.of("seed", "batch_size"))));
        catalog.add(new TrainingExecutor(TrainerRecipe.SFT));
        catalog.add(new TrainingExecutor(TrainerRecipe.DPO));
        catalog.add(new TrainingExecutor(TrainerRecipe.LORA_SFT));
        catalog.add(new PpoExecutor());
        catalog.add(new AgentExecutor());
        catalog.add(new ApiExecutor());
        catalog.add(new EchoExecutor());
        catalog.add(new HandoffExecutor("ssh", sections(TaskContext.FIELDS, "ssh.session"),
                Map.of(TaskContext.FIELDS, SSH)));
        catalog.add(new HandoffExecutor("python", sections(TaskContext.FIELDS, "python.run"),
                Map.of(TaskContext.FIELDS, PYTHON)));
        catalog.add(new HandoffExecutor("rag", sections("qdrant", "rag.store", "embedding", "rag.embedding", "search",
                "rag.search", TaskContext.FIELDS, "rag.search"),
                Map.of("qdrant", QDRANT, "embedding", EMBEDDING, "search", SEARCH, TaskContext.FIELDS,
                        RAG_FIELDS)));
        catalog.add(new HandoffExecutor("data_profiling", sections("profiling", "data.profile"),
                Map.of("profiling", PROFILING)));
        catalog.add(new HandoffExecutor("data_retrieval", sections("retrieval", "data.retrieval"),
                Map.of("retrieval", RETRIEVAL)));
        return catalog;
    }

    private void add(Executor executor) {
        executors.put(executor.name(), executor);
    }

    /** Section-to-channel pairs in the order given, the order the handovers are recorded in. */
    static Map<String, String> sections(String... sectionThenChannel) {
        Map<String, String> sections = new LinkedHashMap<>();
        for (int i = 0; i < sectionThenChannel.length; i += 2) {
            sections.put(sectionThenChannel[i], sectionThenChannel[i + 1]);
        }
        return sections;
    }

    /** The task types this catalog can run. */
    public List<String> taskTypes() {
        return List.of("inference", "embedding", "serve", "diffusion", "omni_text2image", "omni_text2speech",
                "omni_text2audio", "omni_text2general", "omni_text2video", "image_classification",
                "image_classification_training", "sft",
                "lora_sft", "dpo", "ppo", "agent", "api", "echo", "ssh", "python", "rag", "data_profiling",
                "data_retrieval");
    }

    /** The executor a task goes to; the spec must have a task type this catalog runs. */
    public Executor route(TaskSpec spec) {
        return route(spec.taskType(), spec.enforceCpu(), spec.model());
    }

    /** The executor a task of this type goes to with this {@code enforce_cpu} and model section. */
    public Executor route(String taskType, Boolean enforceCpu, Model model) {
        boolean hasVllm = model != null && !model.vllm().isEmpty();
        switch (taskType) {
            case "inference":
                boolean onlyTransformers = model != null && !model.transformers().isEmpty() && !hasVllm;
                if (Boolean.TRUE.equals(enforceCpu) || onlyTransformers) {
                    return executors.get("transformers");
                }
                return executors.get(model != null && !model.adapters().isEmpty() ? "vllm_lora" : "vllm");
            case "embedding":
                return executors.get(hasVllm ? "vllm_embedding" : "transformers_embedding");
            case "serve":
                return executors.get("vllm_serve");
            case "diffusion":
                return executors.get("diffusers");
            default:
                Executor executor = executors.get(taskType);
                if (executor == null) {
                    throw new IllegalArgumentException("no executor for task type " + taskType);
                }
                return executor;
        }
    }
}
