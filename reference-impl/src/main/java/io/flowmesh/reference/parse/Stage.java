package io.flowmesh.reference.parse;

import java.util.List;
import java.util.Objects;

/**
 * One {@code stages[]} entry or {@code graph.nodes[]} node.
 *
 * @param name the stage name
 * @param dependsOn names of the stages it waits for, in order; empty when absent
 * @param spec the stage's own spec (envelope defaults are not merged in)
 */
public record Stage(String name, List<String> dependsOn, TaskSpec spec) {

    public Stage {
        Objects.requireNonNull(spec, "spec");
        dependsOn = Immutable.list(dependsOn);
    }
}
