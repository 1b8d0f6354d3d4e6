package io.flowmesh.reference.execute;

import java.util.ArrayList;
import java.util.List;

import io.flowmesh.reference.parse.TemplateProblem;

/**
 * The values of a template its executors refuse, gathered check by check, so that validation names
 * every bad value at once rather than the first.
 */
public final class ValueProblems {

    /** One check of a value, which refuses it by throwing. */
    @FunctionalInterface
    public interface Check {
        void run() throws TemplateProblem;
    }

    private final List<TemplateProblem> problems = new ArrayList<>();

    /** Runs the check, keeping its refusal and going on; a check that needs a placeholder's value is left to the run. */
    public void check(Check check) {
        try {
            check.run();
        } catch (TemplateProblem problem) {
            problems.add(problem);
        } catch (SpecFields.KnownOnlyAtRunTime unknown) {
            // The run resolves the value and applies the same check to it.
        }
    }

    List<TemplateProblem> problems() {
        return List.copyOf(problems);
    }
}
