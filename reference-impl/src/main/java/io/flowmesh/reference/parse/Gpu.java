package io.flowmesh.reference.parse;

/**
 * {@code resources.hardware.gpu}.
 *
 * @param type {@code any} or a model name such as {@code A100}, or null
 * @param count number of GPUs, or null
 * @param memory memory quantity per GPU, or null
 */
public record Gpu(String type, Integer count, String memory) {
}
