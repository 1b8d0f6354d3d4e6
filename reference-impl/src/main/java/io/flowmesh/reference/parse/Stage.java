package io.flowmesh.reference.parse;

import java.util.List;
import java.util.Objects;

/**
 * One {@code stages[]} entry or {@code graph.nodes[]} node.
 *
 * @param name the stage name: its {@code name}, else its {@code id}, else {@code stage-N} / {@code node-N}
 * @param dependsOn names of the tasks it waits for, in order: its {@code dependsOn}, and for a stage
 *     without one the stage before it; empty for the first stage or a node without dependencies
 * @param spec the stage's spec: the workflow's spec with the stage's own deep-merged over it
 */
public record Stage(String name, List<String> dependsOn, TaskSpec spec) {

    public Stage {
        Objects.requireNonNull(spec, "spec");
        dependsOn = Immutable.list(dependsOn);
    }
}
