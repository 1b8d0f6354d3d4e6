package io.flowmesh.reference.execute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.flowmesh.reference.parse.ModelSource;
import io.flowmesh.reference.parse.TemplateProblem;

/**
 * Upstream's vLLM-Omni executors for audio, narration and video ({@code omni_text2audio_executor.py},
 * {@code omni_text2general_executor.py}, {@code omni_text2video_executor.py} on
 * {@code omni_executor_base.py}): what {@code Omni(...)} is constructed with ({@code omni.load},
 * {@code init_kwargs}) and the sampling params each prompt is generated with ({@code omni.generate},
 * {@code sampling}), both built from {@code spec.omni} with upstream's lenient conversions
 * ({@code to_int}, {@code to_float}, {@code to_bool}: an unreadable value takes the default) and
 * defaults.
 *
 * <p>{@code init_kwargs} holds {@code model} ({@code model.source.identifier}, else {@code omni.model},
 * else the executor's default; upstream's omni executors never read the revision), the content of
 * {@code stage_configs} (upstream writes the mapping to a YAML file and passes its path: the engine
 * reads exactly this), {@code log_stats}, {@code async_chunk}, {@code stage_init_timeout} and
 * {@code init_timeout}, and for video the memory placement flags. No CPU engine renders audio or
 * video: the handover is the effect, and the executor publishes nothing but the model.
 */
final class OmniExecutor implements Executor {

    /** Which omni executor. */
    enum Kind {
        /** Background music, Stable Audio through Omni diffusion sampling. */
        AUDIO("omni_text2audio", "stabilityai/stable-audio-open-1.0", List.of("output_format", "sample_rate",
                "num_waveforms", "guidance_scale", "num_inference_steps", "audio_start", "audio_length", "seed",
                "negative_prompt", "save_path")),
        /** Narration with Qwen3-Omni: thinker, talker and code2wav stages. */
        GENERAL("omni_text2general", "Qwen/Qwen3-Omni-30B-A3B-Instruct", List.of("output_format", "sample_rate",
                "modalities", "py_generator", "raw_prompt", "system_prompt", "seed", "save_path",
                "thinker_temperature", "thinker_top_p", "thinker_top_k", "thinker_max_tokens",
                "thinker_repetition_penalty", "talker_temperature", "talker_top_k", "talker_max_tokens",
                "talker_repetition_penalty", "talker_stop_token_ids", "code2wav_temperature", "code2wav_top_p",
                "code2wav_top_k", "code2wav_max_tokens", "code2wav_repetition_penalty")),
        /** Video through Omni diffusion sampling. */
        VIDEO("omni_text2video", "Wan-AI/Wan2.1-T2V-1.3B-Diffusers", List.of("num_frames", "fps", "height", "width",
                "num_inference_steps", "seed", "guidance_scale", "negative_prompt", "save_path", "enable_cpu_offload",
                "enable_layerwise_offload", "quantization"));

        private final String executor;
        private final String defaultModel;
        private final List<String> keys;

        Kind(String executor, String defaultModel, List<String> keys) {
            this.executor = executor;
            this.defaultModel = defaultModel;
            this.keys = keys;
        }
    }

    /** The {@code omni} keys {@code omni_executor_base.py} reads for every kind. */
    static final List<String> BASE = List.of("model", "stage_configs", "log_stats", "async_chunk", "stage_init_timeout",
            "init_timeout");

    private static final String DEFAULT_SYSTEM_PROMPT = "You are Qwen, a virtual human developed by the Qwen Team, "
            + "Alibaba Group, capable of perceiving auditory and visual inputs, as well as generating text and speech.";

    private final Kind kind;
    private final Map<String, List<String>> consumes;

    OmniExecutor(Kind kind) {
        this.kind = kind;
        this.consumes = Map.of("omni", ExecutorCatalog.concat(BASE, kind.keys));
    }

    @Override
    public String name() {
        return kind.executor;
    }

    @Override
    public Map<String, List<String>> consumes() {
        return consumes;
    }

    /** The whole load and sampling config, built as a run builds it: nothing of it depends on more than the template. */
    @Override
    public void checkValues(SpecFields fields, ValueProblems problems) {
        problems.check(() -> load(fields));
    }

    @Override
    public void execute(TaskContext context) throws TemplateProblem {
        context.publish("model", load(context));
    }

    /** Builds and records the init kwargs and the sampling params; returns the model. */
    private Object load(SpecFields context) throws TemplateProblem {
        Map<String, Object> cfg = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : context.section("omni").entrySet()) {
            cfg.put(entry.getKey(), context.resolved(entry.getValue(), "omni/" + entry.getKey()));
        }
        List<String> prompts = Prompts.texts(context);
        if (prompts.isEmpty()) {
            throw new TemplateProblem(context.pointer("data"), "execute.no-prompts",
                    kind.executor + " requires text input in spec.data.items.");
        }
        Object sampling = sampling(context, cfg, prompts);
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("model", model(context, cfg));
        if (cfg.get("stage_configs") instanceof Map<?, ?> stages) {
            init.put("stage_configs", stages);
        }
        if (cfg.get("log_stats") != null) {
            init.put("log_stats", toBool(cfg.get("log_stats")));
        }
        if (cfg.get("async_chunk") != null) {
            init.put("async_chunk", toBool(cfg.get("async_chunk")));
        }
        for (String key : List.of("stage_init_timeout", "init_timeout")) {
            Long value = toInt(cfg.get(key), null);
            if (value != null) {
                init.put(key, value);
            }
        }
        if (kind == Kind.VIDEO) {
            for (String flag : List.of("enable_cpu_offload", "enable_layerwise_offload")) {
                if (cfg.get(flag) != null) {
                    init.put(flag, toBool(cfg.get(flag)));
                }
            }
            if (PyConversion.BOOL.apply(cfg.get("quantization"), "").equals(Boolean.TRUE)) {
                init.put("quantization_config", String.valueOf(cfg.get("quantization")));
            }
        }
        context.effect("omni.load", "init_kwargs", init);
        context.effect("omni.generate", "sampling", sampling);
        return init.get("model");
    }

    private Object model(SpecFields context, Map<String, Object> cfg) {
        ModelSource source = context.spec().model() == null ? null : context.spec().model().source();
        Object value = source != null && source.identifier() != null && !source.identifier().isEmpty()
                ? source.identifier() : cfg.get("model");
        return value == null || "".equals(value) ? kind.defaultModel : String.valueOf(value).strip();
    }

    private Object sampling(SpecFields context, Map<String, Object> cfg, List<String> prompts) throws TemplateProblem {
        switch (kind) {
            case AUDIO:
                return audio(context, cfg, prompts);
            case GENERAL:
                return general(context, cfg, prompts);
            default:
                return video(context, cfg, prompts);
        }
    }

    /** One request per prompt, seeded {@code seed + index}, as {@code omni_text2audio} sends them. */
    private static List<Object> audio(SpecFields context, Map<String, Object> cfg, List<String> prompts)
            throws TemplateProblem {
        wavOnly(context, cfg, "wav", "omni_text2audio");
        double start = toFloat(cfg.get("audio_start"), 0.0);
        double length = Math.max(0.1, toFloat(cfg.get("audio_length"), 10.0));
        long seed = toInt(cfg.get("seed"), 42L);
        String negative = cfg.get("negative_prompt") == null || "".equals(cfg.get("negative_prompt")) ? "Low quality."
                : String.valueOf(cfg.get("negative_prompt")).strip();
        List<Object> requests = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("prompt", prompts.get(i));
            if (!negative.isEmpty()) {
                request.put("negative_prompt", negative);
            }
            request.put("seed", seed + i);
            request.put("guidance_scale", toFloat(cfg.get("guidance_scale"), 7.0));
            request.put("num_inference_steps", Math.max(1L, toInt(cfg.get("num_inference_steps"), 100L)));
            request.put("num_outputs_per_prompt", Math.max(1L, toInt(cfg.get("num_waveforms"), 1L)));
            // In upstream's order: Map.of iterates differently in every JVM, and the order is part of the trace.
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("audio_start_in_s", start);
            extra.put("audio_end_in_s", start + length);
            request.put("extra_args", extra);
            request.put("sample_rate", toInt(cfg.get("sample_rate"), 44100L));
            requests.add(request);
        }
        return requests;
    }

    /** The prompts and the three stages' sampling params {@code omni_text2general} builds. */
    private static Map<String, Object> general(SpecFields context, Map<String, Object> cfg, List<String> texts)
            throws TemplateProblem {
        wavOnly(context, cfg, "", "omni_text2general");
        List<Object> modalities = new ArrayList<>();
        Object value = cfg.get("modalities");
        List<?> parts = value instanceof String text ? List.of(text.split(",")) : value instanceof List<?> list ? list
                : List.of();
        parts.stream().map(p -> String.valueOf(p).strip()).filter(p -> !p.isEmpty()).forEach(modalities::add);
        if (modalities.isEmpty()) {
            modalities.add("audio");
        }
        boolean raw = toBool(cfg.get("raw_prompt"));
        String system = cfg.get("system_prompt") == null || "".equals(cfg.get("system_prompt")) ? DEFAULT_SYSTEM_PROMPT
                : String.valueOf(cfg.get("system_prompt")).strip();
        List<Object> prompts = new ArrayList<>();
        for (String text : texts) {
            prompts.add(raw ? text : "<|im_start|>system\n" + system + "<|im_end|>\n<|im_start|>user\n" + text
                    + "<|im_end|>\n<|im_start|>assistant\n");
        }
        long seed = toInt(cfg.get("seed"), 42L);
        Map<String, Object> thinker = new LinkedHashMap<>();
        thinker.put("temperature", toFloat(cfg.get("thinker_temperature"), 0.9));
        thinker.put("top_p", toFloat(cfg.get("thinker_top_p"), 0.9));
        thinker.put("top_k", toInt(cfg.get("thinker_top_k"), -1L));
        thinker.put("max_tokens", toInt(cfg.get("thinker_max_tokens"), 1200L));
        thinker.put("repetition_penalty", toFloat(cfg.get("thinker_repetition_penalty"), 1.05));
        thinker.put("seed", seed);
        Map<String, Object> talker = new LinkedHashMap<>();
        talker.put("temperature", toFloat(cfg.get("talker_temperature"), 0.9));
        talker.put("top_k", toInt(cfg.get("talker_top_k"), 50L));
        talker.put("max_tokens", toInt(cfg.get("talker_max_tokens"), 4096L));
        talker.put("seed", seed);
        talker.put("detokenize", false);
        talker.put("repetition_penalty", toFloat(cfg.get("talker_repetition_penalty"), 1.05));
        talker.put("stop_token_ids", intList(cfg.get("talker_stop_token_ids"), List.of(2150L)));
        Map<String, Object> code2wav = new LinkedHashMap<>();
        code2wav.put("temperature", toFloat(cfg.get("code2wav_temperature"), 0.0));
        code2wav.put("top_p", toFloat(cfg.get("code2wav_top_p"), 1.0));
        code2wav.put("top_k", toInt(cfg.get("code2wav_top_k"), -1L));
        code2wav.put("max_tokens", toInt(cfg.get("code2wav_max_tokens"), 4096L * 16));
        code2wav.put("seed", seed);
        code2wav.put("detokenize", true);
        code2wav.put("repetition_penalty", toFloat(cfg.get("code2wav_repetition_penalty"), 1.1));
        Map<String, Object> sampling = new LinkedHashMap<>();
        sampling.put("prompts", prompts);
        sampling.put("modalities", modalities);
        sampling.put("py_generator", toBool(cfg.get("py_generator")));
        sampling.put("stages", List.of(thinker, talker, code2wav));
        sampling.put("sample_rate", toInt(cfg.get("sample_rate"), 24000L));
        return sampling;
    }

    /** One batch with one set of diffusion sampling params, as {@code omni_text2video} sends it. */
    private static Map<String, Object> video(SpecFields context, Map<String, Object> cfg, List<String> prompts)
            throws TemplateProblem {
        Long frames = toInt(cfg.get("num_frames"), null);
        if (frames == null || frames < 1) {
            throw new TemplateProblem(context.pointer("omni/num_frames"), "execute.omni",
                    "omni_text2video requires spec.omni.num_frames.");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        Long fps = toInt(cfg.get("fps"), null);
        params.put("fps", fps == null || fps == 0 ? 16L : fps);
        params.put("num_frames", frames);
        for (String key : List.of("height", "width", "num_inference_steps", "seed")) {
            Long value = toInt(cfg.get(key), null);
            if (value != null) {
                params.put(key, value);
            }
        }
        Double guidance = cfg.get("guidance_scale") == null ? null : toFloat(cfg.get("guidance_scale"), Double.NaN);
        if (guidance != null && !guidance.isNaN()) {
            params.put("guidance_scale", guidance);
        }
        List<Object> requests = new ArrayList<>();
        Object negative = cfg.get("negative_prompt");
        for (String prompt : prompts) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("prompt", prompt);
            if ((Boolean) PyConversion.BOOL.apply(negative, "")) {
                request.put("negative_prompt", String.valueOf(negative));
            }
            requests.add(request);
        }
        Map<String, Object> sampling = new LinkedHashMap<>();
        sampling.put("requests", requests);
        sampling.put("params", params);
        return sampling;
    }

    private static void wavOnly(SpecFields context, Map<String, Object> cfg, String fallback, String executor)
            throws TemplateProblem {
        Object value = cfg.get("output_format");
        String format = (value == null ? fallback : String.valueOf(value)).strip().toLowerCase(Locale.ROOT);
        if (!format.isEmpty() && !format.equals("wav")) {
            throw new TemplateProblem(context.pointer("omni/output_format"), "execute.omni",
                    executor + " currently supports output_format='wav' only.");
        }
    }

    /** {@code to_int}: an integer, or the default for what {@code int()} cannot read. */
    private static Long toInt(Object value, Long fallback) {
        if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /** {@code to_float}: a number, or the default for what {@code float()} cannot read. */
    private static double toFloat(Object value, double fallback) {
        if (value instanceof Number n && !(value instanceof Boolean)) {
            return n.doubleValue();
        }
        if (value instanceof String text) {
            try {
                return Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /** {@code to_bool(value, default=False)}: a boolean, else true only for 1, true, yes and on as text. */
    private static boolean toBool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return value != null && List.of("1", "true", "yes", "on").contains(String.valueOf(value).strip()
                .toLowerCase(Locale.ROOT));
    }

    private static List<Object> intList(Object value, List<Object> fallback) {
        if (!(value instanceof List<?> list)) {
            return fallback;
        }
        List<Object> ints = new ArrayList<>();
        for (Object element : list) {
            Long parsed = toInt(element, null);
            if (parsed == null) {
                return fallback;
            }
            ints.add(parsed);
        }
        return ints;
    }
}
