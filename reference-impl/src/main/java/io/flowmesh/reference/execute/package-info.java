/**
 * Executors: each task is routed by {@code taskType} as upstream routes it, and its executor records,
 * on its own channel, exactly what it hands to its engine or the outside world. Every executor
 * declares the keys of the free-form sections it consumes ({@link Executor#consumes()}) and sees only
 * those ({@link TaskContext#section}), so what it reads, what it can record and what is not warned about
 * are one set; any other key draws an {@code executor.no-effect} warning.
 */
package io.flowmesh.reference.execute;
