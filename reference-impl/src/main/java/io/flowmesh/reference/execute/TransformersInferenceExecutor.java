package io.flowmesh.reference.execute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flowmesh.reference.backend.transformers.CausalLm;
import io.flowmesh.reference.backend.transformers.Generation;
import io.flowmesh.reference.backend.transformers.GenerationConfig;
import io.flowmesh.reference.parse.TemplateProblem;

/**
 * Inference on the transformers backend, as upstream's {@code HFTransformersExecutor}: the CPU route
 * ({@code enforce_cpu}), or the one for models given only {@code model.transformers}.
 *
 * <p>The model loads as {@link TransformersLoad} records it ({@code transformers.load}). The
 * {@code GenerationConfig} is built as upstream builds it from {@code inference} and recorded as the
 * model receives it ({@code transformers.generate}, {@code generation_config}): {@code max_new_tokens}
 * (else {@code max_tokens}, default 512), {@code temperature} (0.7), {@code top_p} (0.95),
 * {@code top_k} (50, never negative), {@code do_sample} (inferred from those three when absent),
 * {@code repetition_penalty} (1.0), the tokenizer's pad and end-of-sequence ids, and only when written
 * {@code min_new_tokens} (else {@code min_tokens}), {@code min_p}, {@code num_beams},
 * {@code early_stopping}, {@code length_penalty}, {@code no_repeat_ngram_size}, {@code stop} (as
 * {@code stop_strings}) and {@code bad_words} (as their token ids). On CPU the model really generates
 * with that config (the run's
 * {@link io.flowmesh.reference.backend.transformers.TransformersBackend}, a toy model on CPU): the config bounds the tokens, bans repeated n-grams and bad
 * words, samples or decodes greedily. The decoded text ({@code skip_special_tokens}, default true) is
 * cut at the first stop string, and each item gets upstream's {@code finish_reason}: {@code stop} (a
 * stop string or end of sequence), {@code length} (the token budget) or null. The items are recorded
 * on {@code transformers.output} and published as upstream's result ({@code items}, {@code text}).
 * Offline, a hub dataset ({@code data.type: dataset}) gives no prompts, so nothing is generated where
 * upstream would refuse an empty prompt list.
 *
 * <p>{@code mode: visual-embedding} loads an image-text model and its image processor; the CPU
 * backend embeds no images, so only the load and the item count are recorded. Upstream's transformers
 * executor does not read {@code checkpoint}: a {@code checkpoint.load} here draws a no-effect warning.
 */
final class TransformersInferenceExecutor implements Executor {

    /** The {@code inference} keys upstream's generation config and prompt building read. */
    static final List<String> GENERATION = List.of("max_new_tokens", "max_tokens", "temperature", "top_p", "top_k",
            "do_sample", "repetition_penalty", "min_new_tokens", "min_tokens", "min_p", "num_beams", "early_stopping",
            "length_penalty", "no_repeat_ngram_size", "stop", "bad_words", "skip_special_tokens", "system_prompt",
            "use_chat_template", "prompt_column");

    private static final Map<String, List<String>> CONSUMES = Map.of("model.transformers", TransformersLoad.KEYS,
            "inference", GENERATION);

    @Override
    public String name() {
        return "transformers";
    }

    @Override
    public Map<String, List<String>> consumes() {
        return CONSUMES;
    }

    /**
     * The load's mode and dtype, and for generation the generation config as a run builds it; no
     * tokenizer is needed for that, as only the conversions of its numbers can refuse.
     */
    @Override
    public void checkValues(SpecFields fields, ValueProblems problems) {
        problems.check(() -> {
            if (!TransformersLoad.checkedMode(fields).equals("visual-embedding")) {
                Map<String, Object> inference = inference(fields);
                TransformersGeneration.config(fields, inference, stops(inference.get("stop")), word -> List.of(), 0);
            }
        });
    }

    private static Map<String, Object> inference(SpecFields fields) throws TemplateProblem {
        Map<String, Object> inference = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : fields.section("inference").entrySet()) {
            inference.put(entry.getKey(), fields.resolved(entry.getValue(), "inference/" + entry.getKey()));
        }
        return inference;
    }

    @Override
    public void execute(TaskContext context) throws TemplateProblem {
        TransformersLoad.Loaded loaded = TransformersLoad.load(context);
        if (context.spec().checkpoint() != null && context.spec().checkpoint().load() != null) {
            context.warn("checkpoint/load", "checkpoint.no-effect", "checkpoint.load has no runtime effect: upstream's "
                    + "transformers executor loads model.source.identifier and never reads checkpoint "
                    + "(transformers_executor.py)");
        }
        List<String> prompts = Prompts.of(context);
        if (loaded.load().mode().equals("visual-embedding")) {
            context.effect("transformers.output", "count", (long) prompts.size());
            context.publish("count", (long) prompts.size());
            return;
        }
        Map<String, Object> inference = inference(context);
        CausalLm lm = context.backends().transformers().load(loaded.model().commit(),
                loaded.model().configLong("vocab_size").orElse(0L));
        List<String> stops = stops(inference.get("stop"));
        GenerationConfig config = TransformersGeneration.config(context, inference, stops, lm::tokenize, lm.eosTokenId());
        boolean skipSpecial = (Boolean) PyConversion.BOOL.apply(inference.getOrDefault("skip_special_tokens", true), "");
        context.effect("transformers.generate", "generation_config", config.asKwargs());
        context.effect("transformers.generate", "skip_special_tokens", skipSpecial);
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            Generation generation = lm.generate(prompts.get(i), config, i, skipSpecial);
            String text = generation.text();
            int cut = text.length();
            for (String stop : stops) {
                int at = text.indexOf(stop);
                if (!stop.isEmpty() && at >= 0) {
                    cut = Math.min(cut, at);
                }
            }
            String output = text.substring(0, cut);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("index", (long) i);
            item.put("prompt", prompts.get(i));
            item.put("output", output);
            item.put("finish_reason", !output.equals(text) || generation.endedByEos() ? "stop"
                    : generation.tokenIds().size() >= config.maxNewTokens() ? "length" : null);
            items.add(item);
        }
        context.effect("transformers.output", "items", items);
        context.publish("items", items);
        if (!items.isEmpty()) {
            context.publish("text", ((Map<?, ?>) items.get(0)).get("output"));
        }
    }

    /** {@code _normalize_stops}: a string is one stop, a list its strings, anything else none. */
    private static List<String> stops(Object stop) {
        if (stop instanceof String text) {
            return List.of(text);
        }
        List<String> stops = new ArrayList<>();
        if (stop instanceof List<?> list) {
            list.forEach(s -> stops.add(String.valueOf(s)));
        }
        return stops;
    }
}
