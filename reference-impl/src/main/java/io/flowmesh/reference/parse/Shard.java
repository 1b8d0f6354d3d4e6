package io.flowmesh.reference.parse;

/**
 * {@code shard}: one task per shard over {@code data.items}.
 *
 * @param count number of shards, at least 1
 * @param strategy {@code contiguous} or {@code round_robin}, or null
 */
public record Shard(int count, String strategy) {
}
