package io.flowmesh.reference.schedule;

import java.util.List;

import io.flowmesh.reference.parse.TaskSpec;

/**
 * One task, placed.
 *
 * @param id the task's ID: {@code task}, a stage or node name, with {@code #i} for shard {@code i}
 * @param pointer the JSON pointer of the task's spec in the template, e.g. {@code /spec/stages/1/spec}
 * @param spec the task's spec; a stage's or node's has the workflow's spec merged in
 * @param dependsOn IDs of the tasks that must finish first
 * @param shard the slice of data items for a shard task, or {@code null}
 * @param request what the task asked for
 * @param worker where it runs
 */
public record ScheduledTask(String id, String pointer, TaskSpec spec, List<String> dependsOn, ShardSlice shard,
        ResourceRequest request, Worker worker) {

    public ScheduledTask {
        dependsOn = List.copyOf(dependsOn);
    }

    /** The ID of the stage the task belongs to: the ID without its shard suffix. */
    public String stage() {
        int hash = id.indexOf('#');
        return hash < 0 ? id : id.substring(0, hash);
    }
}
