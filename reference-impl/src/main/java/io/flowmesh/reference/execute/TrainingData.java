package io.flowmesh.reference.execute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flowmesh.reference.parse.TemplateProblem;

/**
 * The training set a trainer receives, built from {@code data} as upstream's SFT, LoRA-SFT and DPO
 * executors build it, recorded on {@code trainer.dataset}.
 *
 * <p>A hub dataset ({@code dataset_name}) cannot be read offline: what is recorded is what
 * {@code datasets.load_dataset} is called with ({@code load_dataset}), how rows become training text
 * ({@code text}) and the row limit ({@code max_samples}, applied as {@code select(range(min(n, max)))}).
 * Inline rows ({@code prompts}, DPO's {@code preferences}) are built for real, and the rows the
 * trainer receives are recorded ({@code rows}).
 */
final class TrainingData {

    /** The {@code data} keys upstream's SFT and LoRA-SFT executors read. */
    static final List<String> SFT_KEYS = List.of("dataset_name", "split", "config_name", "trust_remote_code",
            "revision", "prompt_column", "response_column", "separator", "text_field", "max_samples", "prompts");
    /** The {@code data} keys upstream's DPO executor reads. */
    static final List<String> DPO_KEYS = List.of("dataset_name", "split", "config_name", "revision", "max_samples",
            "prompt_column", "chosen_column", "rejected_column", "preferences");

    private static final String CHANNEL = "trainer.dataset";
    private static final List<Map<String, Object>> DPO_DEMO_ROWS = List.of(
            Map.of("prompt", "Write a helpful response about Python programming:"),
            Map.of("prompt", "Explain machine learning in simple terms:"),
            Map.of("prompt", "Give advice on learning to code:"),
            Map.of("prompt", "Describe the importance of documentation:"));

    private TrainingData() {
    }

    /**
     * Builds an SFT training set and returns the text field the trainer reads
     * ({@code dataset_text_field}).
     */
    static String sft(SpecFields context) throws TemplateProblem {
        Map<String, Object> data = resolved(context);
        if (truthy(data.get("dataset_name"))) {
            Map<String, Object> load = new LinkedHashMap<>();
            load.put("path", data.get("dataset_name"));
            load.put("name", data.get("config_name"));
            load.put("split", data.getOrDefault("split", "train"));
            putIfPresent(load, "revision", data.get("revision"));
            if (data.get("trust_remote_code") != null) {
                load.put("trust_remote_code", PyConversion.BOOL.apply(data.get("trust_remote_code"), ""));
            }
            context.effect(CHANNEL, "load_dataset", load);
            String textField;
            if (truthy(data.get("prompt_column")) && truthy(data.get("response_column"))) {
                Map<String, Object> text = new LinkedHashMap<>();
                text.put("prompt_column", data.get("prompt_column"));
                text.put("response_column", data.get("response_column"));
                text.put("separator", data.getOrDefault("separator", "\n\n"));
                context.effect(CHANNEL, "text", text);
                textField = "text";
            } else {
                textField = String.valueOf(data.getOrDefault("text_field", "text"));
            }
            maxSamples(context, data.get("max_samples"));
            return textField;
        }
        if (data.containsKey("prompts")) {
            if (!(data.get("prompts") instanceof List<?> prompts) || prompts.isEmpty()) {
                throw new TemplateProblem(context.pointer("data/prompts"), "execute.training-data",
                        "spec.data.prompts must be a non-empty list of strings");
            }
            List<Object> rows = new ArrayList<>();
            prompts.forEach(p -> rows.add(String.valueOf(p)));
            context.effect(CHANNEL, "rows", rows);
            return "text";
        }
        throw new TemplateProblem(context.pointer("data"), "execute.training-data",
                "spec.data must define dataset_name or prompts for " + context.spec().taskType() + " tasks");
    }

    /** Builds a DPO preference set: rows of {@code prompt}, {@code chosen} and {@code rejected}. */
    static void dpo(SpecFields context) throws TemplateProblem {
        Map<String, Object> data = resolved(context);
        if (data.containsKey("dataset_name")) {
            Map<String, Object> load = new LinkedHashMap<>();
            load.put("path", data.get("dataset_name"));
            load.put("split", data.getOrDefault("split", "train"));
            if (truthy(data.get("config_name"))) {
                load.put("name", data.get("config_name"));
            }
            if (truthy(data.get("revision"))) {
                load.put("revision", data.get("revision"));
            }
            context.effect(CHANNEL, "load_dataset", load);
            if (truthy(data.get("max_samples"))) {
                maxSamples(context, data.get("max_samples"));
            }
            Map<String, Object> columns = new LinkedHashMap<>();
            columns.put("prompt", data.getOrDefault("prompt_column", "prompt"));
            columns.put("chosen", data.getOrDefault("chosen_column", "chosen"));
            columns.put("rejected", data.getOrDefault("rejected_column", "rejected"));
            context.effect(CHANNEL, "columns", columns);
            return;
        }
        if (data.containsKey("preferences")) {
            List<Object> rows = new ArrayList<>();
            List<?> preferences = data.get("preferences") instanceof List<?> list ? list : List.of();
            for (int i = 0; i < preferences.size(); i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (String column : List.of("prompt", "chosen", "rejected")) {
                    if (!(preferences.get(i) instanceof Map<?, ?> item) || !item.containsKey(column)) {
                        throw new TemplateProblem(context.pointer("data/preferences/" + i), "execute.training-data",
                                "each preference needs prompt, chosen and rejected; this one has no '" + column + "'");
                    }
                    row.put(column, item.get(column));
                }
                rows.add(row);
            }
            context.effect(CHANNEL, "rows", rows);
            return;
        }
        // Upstream trains on four built-in preference pairs when data names no source.
        List<Object> prompts = new ArrayList<>();
        DPO_DEMO_ROWS.forEach(row -> prompts.add(row.get("prompt")));
        context.effect(CHANNEL, "demo_prompts", prompts);
    }

    private static void maxSamples(SpecFields context, Object value) throws TemplateProblem {
        if (value != null) {
            context.effect(CHANNEL, "max_samples", PyConversion.INT.apply(value, context.pointer("data/max_samples")));
        }
    }

    private static Map<String, Object> resolved(SpecFields context) throws TemplateProblem {
        Map<String, Object> data = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : context.section("data").entrySet()) {
            data.put(entry.getKey(), context.resolved(entry.getValue(), "data/" + entry.getKey()));
        }
        return data;
    }

    private static boolean truthy(Object value) throws TemplateProblem {
        return (Boolean) PyConversion.BOOL.apply(value, "");
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
