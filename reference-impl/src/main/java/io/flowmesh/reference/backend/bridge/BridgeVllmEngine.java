package io.flowmesh.reference.backend.bridge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flowmesh.reference.backend.vllm.CompletionOutput;
import io.flowmesh.reference.backend.vllm.EngineRequestException;
import io.flowmesh.reference.backend.vllm.RequestOutput;
import io.flowmesh.reference.backend.vllm.SamplingParams;
import io.flowmesh.reference.backend.vllm.VllmEngine;

/** A vLLM engine held by the Python side, addressed by the {@code engine_id} of its load. */
final class BridgeVllmEngine implements VllmEngine {

    private final PythonBridge bridge;
    private final String engineId;
    private final String commit;
    private final String tokenizerCommit;
    private final Map<String, Object> facts;

    BridgeVllmEngine(PythonBridge bridge, Map<String, Object> loaded) {
        this.bridge = bridge;
        this.engineId = String.valueOf(loaded.get("engine_id"));
        // Real vLLM reports the snapshot commit its model config was read from; that, not the cache's
        // resolution of the revision asked for, is the commit the engine loaded.
        this.commit = loaded.get("loaded") instanceof Map<?, ?> engine && engine.get("commit") instanceof String c
                ? c : (String) loaded.get("commit");
        this.tokenizerCommit = (String) loaded.get("tokenizer_commit");
        Map<String, Object> facts = new LinkedHashMap<>(loaded);
        // Local paths and per-process ids would make traces differ between runs.
        facts.keySet().removeAll(List.of("snapshot_dir", "engine_id", "reused"));
        this.facts = facts;
    }

    @Override
    public String commit() {
        return commit;
    }

    @Override
    public String tokenizerCommit() {
        return tokenizerCommit;
    }

    @Override
    public Map<String, Object> facts() {
        return facts;
    }

    @Override
    public List<RequestOutput> generate(List<String> prompts, SamplingParams params) throws EngineRequestException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("engine_id", engineId);
        request.put("prompts", prompts);
        request.put("sampling", params.asMap());
        Map<String, Object> reply;
        try {
            reply = bridge.call("vllm.generate", request);
        } catch (BridgeException e) {
            throw new EngineRequestException("vLLM generation on the GPU failed [" + e.kind() + "]: " + e.getMessage());
        }
        List<RequestOutput> outputs = new ArrayList<>();
        for (Object item : list(reply.get("outputs"))) {
            Map<?, ?> output = (Map<?, ?>) item;
            List<CompletionOutput> completions = new ArrayList<>();
            for (Object c : list(output.get("outputs"))) {
                Map<?, ?> completion = (Map<?, ?>) c;
                completions.add(new CompletionOutput(((Number) completion.get("index")).intValue(),
                        String.valueOf(completion.get("text")), integers(completion.get("token_ids")),
                        String.valueOf(completion.get("finish_reason")), (String) completion.get("stop_reason"), null));
            }
            outputs.add(new RequestOutput(String.valueOf(output.get("prompt")), integers(output.get("prompt_token_ids")),
                    completions));
        }
        return outputs;
    }

    private static List<?> list(Object value) throws EngineRequestException {
        if (value instanceof List<?> list && list.stream().allMatch(e -> e instanceof Map || e instanceof Number)) {
            return list;
        }
        throw new EngineRequestException("the vllm.generate reply is not the list the protocol promises: " + value);
    }

    private static List<Integer> integers(Object value) throws EngineRequestException {
        List<Integer> ids = new ArrayList<>();
        for (Object id : list(value)) {
            ids.add(((Number) id).intValue());
        }
        return ids;
    }
}
