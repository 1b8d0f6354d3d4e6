package io.flowmesh.reference.schedule;

import java.util.List;

/**
 * The part of a task's data items one shard task processes.
 *
 * @param index the shard's index, from 0
 * @param count how many shards
 * @param strategy {@code contiguous} or {@code round_robin}
 * @param items the indexes of the data items this shard gets
 */
public record ShardSlice(int index, int count, String strategy, List<Integer> items) {

    public ShardSlice {
        items = List.copyOf(items);
    }
}
