package io.flowmesh.reference.schedule;

/**
 * A worker of the inventory.
 *
 * @param name its name, recorded in the trace
 * @param milliCores CPU capacity in thousandths of a core
 * @param memoryBytes memory capacity
 * @param gpuType the GPU model, or {@code null} for a CPU-only worker
 * @param gpuCount how many GPUs
 * @param gpuMemoryBytes memory per GPU
 */
public record Worker(String name, long milliCores, long memoryBytes, String gpuType, int gpuCount, long gpuMemoryBytes) {
}
