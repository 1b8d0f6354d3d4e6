package io.flowmesh.reference.backend.bridge;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment the bridge process starts with, decided in this one place.
 *
 * <p>Several libraries read their settings once, when they are imported, so a variable set later by
 * the bridge itself is too late (transformers imports huggingface_hub, which fixes
 * {@code HF_HUB_OFFLINE} and {@code HF_HUB_CACHE} at import; cuBLAS reads
 * {@code CUBLAS_WORKSPACE_CONFIG} when CUDA starts). The launcher therefore puts them in the process's
 * environment before it starts:
 * <ul>
 *   <li>{@code HF_HUB_OFFLINE=1} and {@code TRANSFORMERS_OFFLINE=1}: nothing resolves or downloads online;
 *   <li>{@code HF_HUB_CACHE}: the model store, when the launch names one ({@link BridgeLaunch#hubCache()});
 *   <li>{@code CUBLAS_WORKSPACE_CONFIG=:4096:8}: deterministic cuBLAS, so PPO on CUDA is reproducible;
 *   <li>{@code FLOWMESH_BRIDGE_REQUEST_TIMEOUT_S}: the bridge's own wall-clock guard per request, a little
 *       under the launcher's reply timeout, so a stalled engine answers with a timeout error first;
 *   <li>{@code PYTHONPATH} (the bridge's sources first), {@code PYTHONDONTWRITEBYTECODE=1},
 *       {@code PYTHONIOENCODING=utf-8}.
 * </ul>
 * The launch's own {@link BridgeLaunch#environment()} entries come last and win.
 */
public final class BridgeEnvironment {

    /** The cuBLAS workspace setting that makes its kernels deterministic. */
    public static final String CUBLAS_WORKSPACE_CONFIG = ":4096:8";

    /** How much earlier than the launcher's reply timeout the bridge's own guard fires. */
    static final long GUARD_MARGIN_SECONDS = 5;

    private BridgeEnvironment() {
    }

    /**
     * The variables to set for a launch.
     *
     * @param launch the launch
     * @param inherited the environment the process would otherwise inherit; only its {@code PYTHONPATH} is read
     * @return the variables to put into the process's environment, sorted by name
     */
    public static Map<String, String> variables(BridgeLaunch launch, Map<String, String> inherited) {
        Map<String, String> env = new TreeMap<>();
        String existing = inherited.get("PYTHONPATH");
        env.put("PYTHONPATH", launch.pythonPath().toString()
                + (existing == null || existing.isEmpty() ? "" : File.pathSeparator + existing));
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTHONIOENCODING", "utf-8");
        env.put("HF_HUB_OFFLINE", "1");
        env.put("TRANSFORMERS_OFFLINE", "1");
        launch.hubCache().map(Path::toString).ifPresent(cache -> env.put("HF_HUB_CACHE", cache));
        env.put("CUBLAS_WORKSPACE_CONFIG", CUBLAS_WORKSPACE_CONFIG);
        env.put("FLOWMESH_BRIDGE_REQUEST_TIMEOUT_S",
                Long.toString(Math.max(1, launch.replyTimeout().toSeconds() - GUARD_MARGIN_SECONDS)));
        env.putAll(launch.environment());
        return env;
    }
}
