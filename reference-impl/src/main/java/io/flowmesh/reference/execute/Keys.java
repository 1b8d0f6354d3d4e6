package io.flowmesh.reference.execute;

import java.util.List;

/** The keys of free-form sections that executors consume, named once so executors share them. */
final class Keys {

    static final List<String> VLLM_ENGINE = List.of("max_model_len", "dtype", "quantization", "kv_cache_dtype",
            "enforce_eager", "tokenizer_revision", "seed", "trust_remote_code", "gpu_memory_utilization",
            "tensor_parallel_size", "max_num_seqs", "enable_prefix_caching", "limit_mm_per_prompt", "max_lora_rank",
            "max_loras", "task");
    static final List<String> SAMPLING = List.of("temperature", "top_p", "top_k", "max_tokens", "min_tokens", "stop",
            "n", "seed", "presence_penalty", "frequency_penalty", "repetition_penalty");
    static final List<String> PROMPTING = List.of("use_chat_template", "system_prompt", "response_format", "batch_size",
            "prompt_column");
    static final List<String> INFERENCE = concat(SAMPLING, PROMPTING);
    static final List<String> TRANSFORMERS = List.of("torch_dtype", "device_map", "attn_implementation",
            "low_cpu_mem_usage", "max_batch_size");
    static final List<String> DIFFUSERS = List.of("torch_dtype", "variant", "num_inference_steps", "guidance_scale",
            "height", "width");
    static final List<String> MODEL_CONFIG = List.of("bf16", "device_map_auto", "load_in_8bit", "load_in_4bit",
            "gradient_checkpointing");
    static final List<String> TRAINER = List.of("learning_rate", "num_train_epochs", "max_steps",
            "per_device_train_batch_size", "gradient_accumulation_steps", "warmup_ratio", "lr_scheduler_type",
            "max_seq_length", "seed", "logging_steps", "save_steps", "bf16");
    static final List<String> SFT = concat(TRAINER, List.of("packing"));
    static final List<String> DPO = concat(TRAINER, List.of("beta"));
    static final List<String> LORA = List.of("r", "alpha", "dropout", "bias", "target_modules", "task_type");
    static final List<String> DATA = List.of("type", "items", "url", "name", "split", "column", "shuffle", "seed",
            "limit", "prompts", "dataset_name", "text_column", "prompt_column", "chosen_column", "rejected_column",
            "images", "template");
    static final List<String> AGENT = List.of("timeout", "max_steps", "tools", "batch");
    static final List<String> API = List.of("url", "method", "headers", "body", "response", "timeoutSec");
    static final List<String> SSH = List.of("interactive", "image", "user", "authorizedKeys", "command", "entrypoint",
            "ttlSeconds", "idleTimeoutSeconds", "accessMode", "inputs", "sshOutput", "env");
    static final List<String> PYTHON = List.of("code", "entrypoint", "image", "requirements", "inputs",
            "timeoutSeconds", "network", "env", "emits", "pythonOutput");
    static final List<String> RAG_FIELDS = List.of("query");
    static final List<String> OMNI = List.of("output_format", "sample_rate", "speaker", "language", "voice",
            "duration_seconds", "width", "height", "num_inference_steps", "guidance_scale", "seed");
    static final List<String> QDRANT = List.of("url", "api_key", "collection");
    static final List<String> EMBEDDING = List.of("model", "normalize", "batch_size");
    static final List<String> SEARCH = List.of("top_k", "score_threshold");
    static final List<String> PROFILING = List.of("columns", "metrics", "sample_size");
    static final List<String> RETRIEVAL = List.of("query", "top_k", "source");
    static final List<String> SERVE = List.of("ttlSeconds", "readinessTimeoutSeconds", "accessMode", "port", "apiKey");

    private Keys() {
    }

    static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().collect(java.util.stream.Collectors.toUnmodifiableList());
    }
}
