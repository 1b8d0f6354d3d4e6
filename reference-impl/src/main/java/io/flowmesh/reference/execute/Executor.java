package io.flowmesh.reference.execute;

import java.util.List;
import java.util.Map;

import io.flowmesh.reference.parse.TemplateProblem;

/** Runs one kind of task and records what it hands over. */
public interface Executor {

    /** The executor's name as upstream calls it, e.g. {@code vllm} or {@code ppo}. */
    String name();

    /**
     * The keys of free-form sections this executor reads, by section ({@code inference},
     * {@code model.vllm}, ...). Sections not listed are not read at all.
     */
    Map<String, List<String>> consumes();

    /**
     * The keys of one section this executor's task hands over: its own declarations, and for
     * {@code data} the keys the data loader reads, which every task's data goes through before its
     * executor runs.
     */
    default List<String> consumedKeys(String section) {
        return section.equals("data") ? WorkflowRun.DATA_KEYS : consumes().getOrDefault(section, List.of());
    }

    /**
     * Why keys this executor knows of but does not read do nothing, by {@code <section>/<key>} (e.g.
     * {@code generation/do_sample}): the reason their no-effect warning gives. Empty by default.
     */
    default Map<String, String> noEffectReasons() {
        return Map.of();
    }

    /**
     * Refuses, from the template alone, the values this executor would refuse when it runs: the
     * conversions, ranges and choices it and its backends apply before any work, with the bad value
     * in the message. Validation and a run call it before any task runs, so {@code validate} refuses
     * what a run would; what depends on the machine (a model that does not resolve, a missing GPU) or
     * on a placeholder stays with the run. Nothing to check by default.
     */
    default void checkValues(SpecFields fields, ValueProblems problems) {
    }

    /** Runs the task. */
    void execute(TaskContext context) throws TemplateProblem;
}
