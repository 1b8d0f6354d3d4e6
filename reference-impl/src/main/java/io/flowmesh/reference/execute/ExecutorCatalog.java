package io.flowmesh.reference.execute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
                Map.of("model.transformers", Keys.TRANSFORMERS, "embedding", Keys.EMBEDDING)));
        // Upstream has one spec, and one executor, per image classification and omni task type.
        for (String imageClassification : List.of("image_classification", "image_classification_training")) {
            catalog.add(new ModelExecutor(imageClassification, "transformers.load",
                    sections("model.transformers", "transformers.load", "training", "trainer.config"),
                    Map.of("model.transformers", Keys.TRANSFORMERS, "training", Keys.TRAINER)));
        }
        for (String omni : List.of("omni_text2image", "omni_text2speech", "omni_text2audio", "omni_text2general",
                "omni_text2video")) {
            catalog.add(new ModelExecutor(omni, "omni.load",
                    sections("model.transformers", "omni.load", "inference", "omni.generate", "omni", "omni.generate"),
                    Map.of("model.transformers", Keys.TRANSFORMERS, "inference", Keys.INFERENCE, "omni", Keys.OMNI)));
        }
        catalog.add(new ModelExecutor("diffusers", "diffusers.load",
                sections("model.diffusers", "diffusers.pipeline", "inference", "diffusers.pipeline"),
                Map.of("model.diffusers", Keys.DIFFUSERS, "inference", List.of("seed", "batch_size"))));
        catalog.add(new ModelExecutor("sft", "trainer.model",
                sections("model.config", "trainer.model", "training", "trainer.config"),
                Map.of("model.config", Keys.MODEL_CONFIG, "training", Keys.SFT)));
        catalog.add(new ModelExecutor("dpo", "trainer.model",
                sections("model.config", "trainer.model", "training", "trainer.config"),
                Map.of("model.config", Keys.MODEL_CONFIG, "training", Keys.DPO)));
        catalog.add(new LoraSftExecutor());
        catalog.add(new PpoExecutor());
        catalog.add(new AgentExecutor());
        catalog.add(new HandoffExecutor("api", sections("api", "api.request"), Map.of("api", Keys.API)));
        catalog.add(new EchoExecutor());
        catalog.add(new HandoffExecutor("ssh", sections(TaskContext.FIELDS, "ssh.session"),
                Map.of(TaskContext.FIELDS, Keys.SSH)));
        catalog.add(new HandoffExecutor("python", sections(TaskContext.FIELDS, "python.run"),
                Map.of(TaskContext.FIELDS, Keys.PYTHON)));
        catalog.add(new HandoffExecutor("rag", sections("qdrant", "rag.store", "embedding", "rag.embedding", "search",
                "rag.search", TaskContext.FIELDS, "rag.search"),
                Map.of("qdrant", Keys.QDRANT, "embedding", Keys.EMBEDDING, "search", Keys.SEARCH, TaskContext.FIELDS,
                        Keys.RAG_FIELDS)));
        catalog.add(new HandoffExecutor("data_profiling", sections("profiling", "data.profile"),
                Map.of("profiling", Keys.PROFILING)));
        catalog.add(new HandoffExecutor("data_retrieval", sections("retrieval", "data.retrieval"),
                Map.of("retrieval", Keys.RETRIEVAL)));
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
        Model model = spec.model();
        boolean hasVllm = model != null && !model.vllm().isEmpty();
        switch (spec.taskType()) {
            case "inference":
                boolean onlyTransformers = model != null && !model.transformers().isEmpty() && !hasVllm;
                if (Boolean.TRUE.equals(spec.enforceCpu()) || onlyTransformers) {
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
                Executor executor = executors.get(spec.taskType());
                if (executor == null) {
                    throw new IllegalArgumentException("no executor for task type " + spec.taskType());
                }
                return executor;
        }
    }
}
