package io.flowmesh.reference.execute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flowmesh.reference.parse.Stage;
import io.flowmesh.reference.parse.TaskSpec;
import io.flowmesh.reference.parse.TemplateProblem;
import io.flowmesh.reference.parse.Workflow;

/**
 * The values of a workflow its executors would refuse when it runs ({@link Executor#checkValues}),
 * found before anything runs: {@code validate} and a run's first step are this one pass, so a template
 * that validates is never refused later for a value written in it.
 */
public final class ValueChecks {

    private final ExecutorCatalog catalog;

    /** @param catalog the executors whose checks count */
    public ValueChecks(ExecutorCatalog catalog) {
        this.catalog = catalog;
    }

    /** Every refused value of the workflow, each once, in template order of the tasks. */
    public List<TemplateProblem> of(Workflow workflow) {
        Map<String, TemplateProblem> found = new LinkedHashMap<>();
        for (TaskSpec spec : tasks(workflow)) {
            if (spec.taskType() == null) {
                continue;
            }
            Executor executor = catalog.route(spec);
            ValueProblems problems = new ValueProblems();
            executor.checkValues(new StaticFields(spec, executor), problems);
            // A field a stage inherits from the workflow's spec is refused once, where it is written.
            problems.problems().forEach(problem -> found.putIfAbsent(problem.pointer() + "\n" + problem.getMessage(), problem));
        }
        return new ArrayList<>(found.values());
    }

    /** The tasks a workflow runs, one spec each: its stages or graph nodes, else the workflow's own spec. */
    static List<TaskSpec> tasks(Workflow workflow) {
        TaskSpec envelope = workflow.spec();
        List<Stage> stages = !envelope.stages().isEmpty() ? envelope.stages() : envelope.graphNodes();
        if (stages.isEmpty()) {
            return List.of(envelope);
        }
        return stages.stream().map(Stage::spec).toList();
    }
}
