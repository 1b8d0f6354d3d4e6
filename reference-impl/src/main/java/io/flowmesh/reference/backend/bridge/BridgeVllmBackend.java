package io.flowmesh.reference.backend.bridge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.flowmesh.reference.backend.hub.ModelStore;
import io.flowmesh.reference.backend.vllm.EngineLoadException;
import io.flowmesh.reference.backend.vllm.VllmBackend;
import io.flowmesh.reference.backend.vllm.VllmEngine;

/**
 * Real vLLM in Python over a {@link PythonBridge}: {@code vllm.load} starts {@code vllm.LLM} offline on
 * the model store (a Hugging Face hub cache) with every engine kwarg, and answers with the commits of
 * the model and tokenizer snapshots it loaded; the Python side reuses an engine for the same model,
 * commits and kwargs. Generation goes through {@code vllm.generate}. A load error names, as data, the
 * parameter it belongs to. The backend does not own the bridge: whoever started it closes it.
 */
public final class BridgeVllmBackend implements VllmBackend {

    private static final List<String> LOAD_PARAMETERS = List.of("model", "revision", "tokenizer_revision");

    private final PythonBridge bridge;
    private final ModelStore store;
    private final String engine;

    /**
     * @param bridge a started bridge
     * @param store the model store, handed to vLLM as its hub cache
     * @param engine {@code vllm} (real vLLM), or {@code cache}: revisions resolved through the hub-cache
     *     layout in Python with no engine started, so generation is refused
     */
    public BridgeVllmBackend(PythonBridge bridge, ModelStore store, String engine) {
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.store = Objects.requireNonNull(store, "store");
        if (!engine.equals("vllm") && !engine.equals("cache")) {
            throw new IllegalArgumentException("engine must be vllm or cache, got " + engine);
        }
        this.engine = engine;
    }

    @Override
    public VllmEngine load(Map<String, Object> engineKwargs) throws EngineLoadException {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("engine", engine);
        params.put("hub_cache", store.root().toString());
        params.put("identifier", engineKwargs.get("model"));
        params.put("revision", engineKwargs.get("revision"));
        params.put("tokenizer_revision", engineKwargs.get("tokenizer_revision"));
        Map<String, Object> kwargs = new LinkedHashMap<>(engineKwargs);
        // These are the load's own parameters above, not further engine kwargs.
        kwargs.keySet().removeAll(LOAD_PARAMETERS);
        params.put("engine_kwargs", kwargs);
        Map<String, Object> reply;
        try {
            reply = bridge.call("vllm.load", params);
        } catch (BridgeException e) {
            String field = e.field().orElse(null);
            String message = "vLLM on the GPU failed [" + e.kind() + "]: " + e.getMessage();
            throw "not_found".equals(e.kind()) && field != null ? EngineLoadException.unresolved(field, message)
                    : EngineLoadException.invalid(field, message);
        }
        return new BridgeVllmEngine(bridge, reply);
    }
}
