package io.flowmesh.reference.parse;

/**
 * {@code checkpoint}, a free map upstream; the executors read its {@code load}.
 *
 * <p>Upstream's {@code load} is a mapping ({@code resolve_checkpoint_load}: {@code type},
 * {@code path}, {@code task_id} or {@code taskId}, {@code url}, ...); it is kept as written so that the
 * executor that reads it can refuse any other shape where upstream's {@code dict(...)} would fail.
 *
 * @param load the value of {@code checkpoint.load} as written (a map, JSON-like), or null when absent
 */
public record Checkpoint(Object load) {
}
