package io.flowmesh.reference.parse;

/**
 * {@code checkpoint}, a free map upstream; the executors read its {@code load}.
 *
 * @param load a path or a stage placeholder, or null
 */
public record Checkpoint(String load) {
}
