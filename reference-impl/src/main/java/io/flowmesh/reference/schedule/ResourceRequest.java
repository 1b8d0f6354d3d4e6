package io.flowmesh.reference.schedule;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a task asks of a worker, from {@code resources.hardware}; absent parts ask for nothing.
 *
 * @param milliCores CPU in thousandths of a core
 * @param memoryBytes memory
 * @param gpuType {@code any}, a GPU model, or {@code null} when no GPU is asked for
 * @param gpuCount GPUs
 * @param gpuMemoryBytes memory per GPU
 * @param load the task's {@code resources.estimatedLoad}, which upstream adds to its worker's load; 0 when absent
 */
public record ResourceRequest(long milliCores, long memoryBytes, String gpuType, int gpuCount, long gpuMemoryBytes,
        long load) {

    private static final Set<String> WILDCARD_GPU_TYPES = Set.of("", "any", "auto", "*");

    /** Whether the worker has room for this request. */
    public boolean fits(Worker worker) {
        if (milliCores > worker.milliCores() || memoryBytes > worker.memoryBytes()) {
            return false;
        }
        if (gpuCount == 0) {
            return true;
        }
        String wanted = gpuType == null ? "" : gpuType.strip().toLowerCase(Locale.ROOT);
        // Upstream: "", any, auto and * match every GPU; any other type matches as a case-insensitive substring.
        boolean typeMatches = WILDCARD_GPU_TYPES.contains(wanted)
                || (worker.gpuType() != null && worker.gpuType().toLowerCase(Locale.ROOT).contains(wanted));
        return typeMatches && gpuCount <= worker.gpuCount() && gpuMemoryBytes <= worker.gpuMemoryBytes();
    }

    /** The request as effect data. */
    public Map<String, Object> asEffect() {
        Map<String, Object> effect = new LinkedHashMap<>();
        effect.put("milli_cores", milliCores);
        effect.put("memory_bytes", memoryBytes);
        effect.put("gpu_type", gpuType);
        effect.put("gpu_count", (long) gpuCount);
        effect.put("gpu_memory_bytes", gpuMemoryBytes);
        effect.put("load", load);
        return effect;
    }
}
