package io.flowmesh.conformance.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The templates of the contract cases, as JSON-like trees a case can still change before it runs.
 * Each is the smallest template of its task type that the contract's rule needs, with the kit's own
 * models.
 */
final class Scenarios {

    /** Prompts of very different lengths, so any tokenizer has to pad the short one. */
    static final List<String> PROMPTS = List.of("good",
            "the plot of this film was long and slow and the ending left the whole audience without words",
            "a fine cast");
    /** The index of the shortest and of the longest prompt in {@link #PROMPTS}. */
    static final int SHORTEST = 0;
    static final int LONGEST = 1;

    private Scenarios() {
    }

    /** An ordered map from alternating keys and values; a null value leaves the key out. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    /**
     * A PPO task on the kit's model: eight updates of a four-rollout batch, seeded, with an explicit
     * {@code kl_coef}, and the given {@code training} keys added to (or replacing) the base ones.
     */
    static Map<String, Object> ppo(Map<String, Object> training) {
        Map<String, Object> section = map("kl_coef", 0.05);
        section.putAll(training);
        return ppoWithoutKlCoef(section);
    }

    /** {@link #ppo} without the base {@code kl_coef}. */
    static Map<String, Object> ppoWithoutKlCoef(Map<String, Object> training) {
        Map<String, Object> section = map("learning_rate", 0.00001, "batch_size", 4L, "mini_batch_size", 2L,
                "steps", 8L, "ppo_epochs", 2L, "seed", 7L);
        section.putAll(training);
        return envelope("PPOTask", "contract-ppo", map(
                "taskType", "ppo",
                "model", map("source", source(KitModels.BRANCH)),
                "resources", gpus(1),
                "training", section,
                "generation", map("max_new_tokens", 8L, "temperature", 1.0),
                "reward_model", map("identifier", KitModels.REWARD, "type", "sentiment"),
                "data", map("prompts", PROMPTS)));
    }

    /** A scenario's spec, to change before the scenario runs or to use as a stage. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(Map<String, Object> template) {
        return (Map<String, Object>) template.get("spec");
    }

    /** A section of a scenario's spec, to change before the scenario runs. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> section(Map<String, Object> template, String name) {
        return (Map<String, Object>) spec(template).get(name);
    }

    /** A vLLM inference task on the kit's model at a revision, with {@code model.vllm} kwargs. */
    static Map<String, Object> vllm(String revision, Map<String, Object> engine, long gpus) {
        return envelope("InferenceTask", "contract-vllm", vllmSpec(revision, engine, gpus));
    }

    /** The spec of {@link #vllm}, for use as a stage. */
    static Map<String, Object> vllmSpec(String revision, Map<String, Object> engine, long gpus) {
        Map<String, Object> vllm = map("max_model_len", 512L);
        vllm.putAll(engine);
        return map(
                "taskType", "inference",
                "model", map("source", source(revision), "vllm", vllm),
                "resources", gpus(gpus),
                "inference", map("temperature", 0.0, "max_tokens", 4L, "seed", 1L),
                "data", map("type", "list", "items", List.of("hello")));
    }

    /** A vLLM inference task on the kit's model with one LoRA adapter. */
    static Map<String, Object> lora(Map<String, Object> adapter) {
        Map<String, Object> spec = vllmSpec(KitModels.BRANCH, map("max_lora_rank", 16L), 1);
        spec.put("model", map("source", source(KitModels.BRANCH), "vllm", map("max_model_len", 512L, "max_lora_rank", 16L),
                "adapters", List.of(adapter)));
        return envelope("InferenceTask", "contract-lora", spec);
    }

    /** A transformers inference task on the CPU ({@code enforce_cpu}), on the kit's model at a revision. */
    static Map<String, Object> transformers(String revision) {
        return envelope("InferenceTask", "contract-transformers", map(
                "taskType", "inference",
                "enforce_cpu", true,
                "model", map("source", source(revision), "transformers", map("torch_dtype", "float32")),
                "resources", map("hardware", map("cpu", "4", "memory", "8Gi")),
                "inference", map("temperature", 0.0, "max_tokens", 4L),
                "data", map("type", "list", "items", List.of("hello"))));
    }

    /** A PPO task, as {@link #ppo}, on the kit's model at a revision. */
    static Map<String, Object> ppoAt(String revision) {
        Map<String, Object> template = ppo(map());
        section(template, "model").put("source", source(revision));
        return template;
    }

    /** A LoRA SFT task's spec on the kit's model, with the given {@code lora} section. */
    static Map<String, Object> loraSftSpec(Map<String, Object> lora) {
        return map(
                "taskType", "lora_sft",
                "model", map("source", source(KitModels.BRANCH)),
                "resources", gpus(1),
                "lora", lora,
                "training", map("learning_rate", 0.0002, "num_train_epochs", 1L, "per_device_train_batch_size", 2L,
                        "seed", 3L),
                "data", map("type", "dataset", "dataset_name", "conformance/replies", "split", "train",
                        "text_column", "text"));
    }

    /** A workflow of named stages, in order, each depending on the one before. */
    static Map<String, Object> stages(Map<String, Map<String, Object>> specsByName) {
        List<Object> stages = new java.util.ArrayList<>();
        String previous = null;
        for (Map.Entry<String, Map<String, Object>> stage : specsByName.entrySet()) {
            stages.add(map("name", stage.getKey(), "dependsOn", previous == null ? null : List.of(previous),
                    "spec", stage.getValue()));
            previous = stage.getKey();
        }
        return envelope("Workflow", "contract-stages", map("stages", stages));
    }

    /** An agent task with the given {@code spec.agent} section. */
    static Map<String, Object> agent(String task, Map<String, Object> agent) {
        return envelope("AgentTask", "contract-agent", map(
                "taskType", "agent",
                "configName", "contract-agent",
                "task", task,
                "agent", agent,
                "resources", map("hardware", map("cpu", "2", "memory", "4Gi"))));
    }

    static Map<String, Object> source(String revision) {
        return map("type", "huggingface", "identifier", KitModels.LM, "revision", revision);
    }

    private static Map<String, Object> gpus(long count) {
        return map("hardware", map("cpu", "8", "memory", "32Gi", "gpu", map("type", "any", "count", count)));
    }

    private static Map<String, Object> envelope(String kind, String name, Map<String, Object> spec) {
        return map("apiVersion", "flowmesh/v1", "kind", kind,
                "metadata", map("name", name, "owner", "conformance-kit",
                        "annotations", map("description", "a contract case of the conformance kit")),
                "spec", spec);
    }
}
