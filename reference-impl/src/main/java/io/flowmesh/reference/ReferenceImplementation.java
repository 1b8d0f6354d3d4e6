package io.flowmesh.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.ParseResult;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import io.flowmesh.reference.backend.vllm.CompletionMemo;
import io.flowmesh.reference.execute.Backends;
import io.flowmesh.reference.execute.ExecutorCatalog;
import io.flowmesh.reference.execute.RunWarning;
import io.flowmesh.reference.execute.UnconsumedKeys;
import io.flowmesh.reference.execute.ValueChecks;
import io.flowmesh.reference.execute.WorkflowRun;
import io.flowmesh.reference.execute.Workspace;
import io.flowmesh.reference.parse.ParseOutcome;
import io.flowmesh.reference.parse.SourceMap;
import io.flowmesh.reference.parse.TemplateProblem;
import io.flowmesh.reference.parse.WorkflowParser;
import io.flowmesh.reference.schedule.ScheduledTask;
import io.flowmesh.reference.schedule.Scheduler;
import io.flowmesh.reference.schedule.WorkerInventory;

/**
 * The reference implementation of the FlowMesh workflow contract, as the kit's SPI sees it: the strict
 * parser, the scheduler over the standard worker inventory, and the executors on CPU backends (or,
 * with {@code backend=gpu}, PPO through the Python bridge on a GPU).
 */
public final class ReferenceImplementation implements WorkflowImplementation {

    /** The implementation's version. */
    public static final String VERSION = "0.1.0";

    private final WorkflowParser parser = new WorkflowParser();
    private final ExecutorCatalog catalog;
    private final Scheduler scheduler = new Scheduler(WorkerInventory.standard());
    private final UnconsumedKeys unconsumedKeys;
    private final ValueChecks valueChecks;
    private final CompletionMemo completions = new CompletionMemo();

    /** The reference implementation with its standard executors. */
    public ReferenceImplementation() {
        this(ExecutorCatalog.standard());
    }

    /** The reference implementation with the given executors (tests swap one for a broken one). */
    public ReferenceImplementation(ExecutorCatalog catalog) {
        this.catalog = catalog;
        this.unconsumedKeys = new UnconsumedKeys(catalog);
        this.valueChecks = new ValueChecks(catalog);
    }

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public Capabilities capabilities() {
        // Every run has its own workspace and backends; the parser, scheduler and executors hold no run state,
        // and what runs share (validations, completions) is remembered in thread-safe memos.
        // Models and adapter URLs are fetched through the kit's hub and URL server when the run options name them.
        return new Capabilities(Set.copyOf(catalog.taskTypes()), Set.of(Capabilities.CPU, Capabilities.GPU), true,
                Set.of(Capabilities.HUB, Capabilities.URLS));
    }

    @Override
    public ParseResult parse(String yaml, String sourceName) {
        ParseOutcome outcome = parser.parse(yaml, sourceName);
        if (outcome instanceof ParseOutcome.Invalid invalid) {
            return new ParseResult(invalid.violations(), invalid.warnings());
        }
        ParseOutcome.Parsed parsed = (ParseOutcome.Parsed) outcome;
        return new ParseResult(List.of(), allWarnings(parsed, sourceName, List.of()), admit(parsed, sourceName).refused());
    }

    @Override
    public RunResult run(String yaml, RunOptions options) {
        String source = "template";
        ParseOutcome outcome = parser.parse(yaml, source);
        if (outcome instanceof ParseOutcome.Invalid invalid) {
            return new RunResult.Rejected(invalid.violations(), invalid.warnings());
        }
        ParseOutcome.Parsed parsed = (ParseOutcome.Parsed) outcome;
        Admission admission = admit(parsed, source);
        if (!admission.refused().isEmpty()) {
            return new RunResult.Rejected(admission.refused(), allWarnings(parsed, source, List.of()));
        }
        List<RunWarning> runWarnings = new ArrayList<>();
        try (Workspace workspace = Workspace.create(); Backends backends = Backends.from(options, workspace, completions)) {
            WorkflowRun run = new WorkflowRun(catalog, backends);
            var trace = run.run(parsed.workflow(), admission.plan(), runWarnings);
            return new RunResult.Completed(trace, allWarnings(parsed, source, runWarnings));
        } catch (TemplateProblem problem) {
            return new RunResult.Rejected(List.of(diagnostic(parsed.sourceMap(), source, problem.pointer(),
                    problem.code(), problem.getMessage())), allWarnings(parsed, source, runWarnings));
        }
    }

    /**
     * The plan a run follows, and what it refuses before its first task.
     *
     * @param plan the scheduler's plan; empty when it cannot make one
     * @param refused a plan the scheduler cannot make, and the values the executors would refuse
     */
    private record Admission(List<ScheduledTask> plan, List<Diagnostic> refused) {
    }

    /**
     * What a run refuses before its first task: a plan the scheduler cannot make, and the values the
     * executors would refuse. Upstream's parser accepts these templates, so parsing reports them as
     * {@linkplain ParseResult#runRefusals() run refusals}, found ahead of the run.
     */
    private Admission admit(ParseOutcome.Parsed parsed, String source) {
        List<TemplateProblem> problems = new ArrayList<>();
        List<ScheduledTask> plan = List.of();
        try {
            plan = scheduler.plan(parsed.workflow());
        } catch (TemplateProblem problem) {
            problems.add(problem);
        }
        problems.addAll(valueChecks.of(parsed.workflow()));
        List<Diagnostic> refused = new ArrayList<>();
        for (TemplateProblem problem : problems) {
            refused.add(diagnostic(parsed.sourceMap(), source, problem.pointer(), problem.code(), problem.getMessage()));
        }
        return new Admission(plan, refused);
    }

    /** The parser's warnings, the keys no executor declares, then what the executors raised while running. */
    private List<Diagnostic> allWarnings(ParseOutcome.Parsed parsed, String source, List<RunWarning> runWarnings) {
        List<Diagnostic> warnings = new ArrayList<>(parsed.warnings());
        for (RunWarning warning : unconsumedKeys.of(parsed.workflow())) {
            warnings.add(diagnostic(parsed.sourceMap(), source, warning.pointer(), warning.code(), warning.message()));
        }
        for (RunWarning warning : runWarnings) {
            warnings.add(diagnostic(parsed.sourceMap(), source, warning.pointer(), warning.code(), warning.message()));
        }
        return warnings;
    }

    private static Diagnostic diagnostic(SourceMap sourceMap, String source, String pointer, String code, String message) {
        var location = sourceMap.locate(pointer);
        return new Diagnostic(source, pointer, location.line(), location.column(), code, message);
    }
}
