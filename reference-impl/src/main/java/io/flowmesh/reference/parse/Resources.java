package io.flowmesh.reference.parse;

/**
 * {@code resources}; the legacy {@code replicas} is not carried.
 *
 * @param hardware what a worker must offer, or null
 */
public record Resources(Hardware hardware) {
}
