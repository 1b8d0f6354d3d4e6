package io.flowmesh.reference.parse;

/**
 * {@code resources}; the legacy {@code replicas} is not carried.
 *
 * @param hardware what a worker must offer, or null
 * @param estimatedLoad {@code estimatedLoad} when it is an integer, else 0 (as upstream computes a task's load)
 */
public record Resources(Hardware hardware, long estimatedLoad) {
}
