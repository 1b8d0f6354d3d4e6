package io.flowmesh.reference.parse;

/**
 * {@code resources.hardware.gpu}.
 *
 * @param type {@code any}, {@code auto}, {@code *} or a model name such as {@code A100}, or null
 * @param count number of GPUs, or null
 * @param memory memory per GPU: a quantity such as {@code 24Gi}, or bytes as digits when written as a number; or null
 */
public record Gpu(String type, Integer count, String memory) {
}
