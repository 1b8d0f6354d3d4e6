/**
 * Executors: each task is routed by {@code taskType} as upstream routes it, and its executor records,
 * on its own channel, exactly what it hands to its engine or the outside world. Every executor
 * declares the keys of the free-form sections it consumes; any other key draws a warning.
 */
package io.flowmesh.reference.execute;
