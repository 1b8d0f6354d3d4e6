package io.flowmesh.reference.parse;

import java.util.List;

/**
 * One task of a template as upstream's parser expands it: the template's only task, or one stage or
 * graph node with the workflow's shared spec merged in.
 *
 * @param name the task's name: the stage's or node's {@code name}, else its {@code id}, else
 *     {@code stage-N} / {@code node-N}; {@code task} for a single-task template
 * @param label how messages name it ({@code stage 'train'}, {@code graph node 'a'}), or empty for a
 *     single-task template
 * @param nodePointer where the stage or node is written ({@code /spec} for a single task)
 * @param spec the task's spec, merged, with where each field of it is written
 * @param dependsOn the names of the tasks it waits for: its {@code dependsOn}, and for a stage
 *     without one the stage before it
 */
record ExpandedTask(String name, String label, String nodePointer, MergedSpec spec, List<String> dependsOn) {

    ExpandedTask {
        dependsOn = List.copyOf(dependsOn);
    }

    /** The pointer of the task's spec in the template: {@code /spec/stages/0/spec}, or {@code /spec}. */
    String specPointer() {
        return spec.sourceOf("");
    }

    /** {@code message}, naming the task when the template has several. */
    String named(String message) {
        return label.isEmpty() ? message : message + " (" + label + ")";
    }
}
