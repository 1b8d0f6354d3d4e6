package io.flowmesh.reference.parse;

/**
 * {@code resources.hardware}.
 *
 * @param cpu CPU cores as written ({@code "16"}, {@code "500m"}); an integer becomes its decimal string; or null
 * @param memory memory quantity such as {@code 16Gi} or {@code 16GB}, or bytes as digits when written as an integer; or null
 * @param gpu GPU requirement, or null
 */
public record Hardware(String cpu, String memory, Gpu gpu) {
}
