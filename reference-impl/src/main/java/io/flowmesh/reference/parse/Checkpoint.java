package io.flowmesh.reference.parse;

/**
 * {@code checkpoint}.
 *
 * @param load a path or a stage placeholder, or null
 */
public record Checkpoint(String load) {
}
