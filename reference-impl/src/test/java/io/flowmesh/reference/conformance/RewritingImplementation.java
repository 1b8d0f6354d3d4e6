package io.flowmesh.reference.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowmesh.conformance.probe.TemplateTree;
import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.EffectTrace;
import io.flowmesh.conformance.spi.ParseResult;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import io.flowmesh.reference.ReferenceImplementation;

/**
 * A deliberately broken implementation: the reference implementation behind a rewrite of what goes
 * in (the template tree, seen with the run options) and what comes out (the result, seen with the
 * template as written, and the warnings). Each one plants one bug an implementation of the RFC could
 * have; the tests show the kit catches it for the right reason.
 */
final class RewritingImplementation implements WorkflowImplementation {

    /** Rewrites a run's result, given the template as the caller wrote it and the run options. */
    @FunctionalInterface
    interface ResultRewrite {
        RunResult rewrite(JsonNode template, RunOptions options, RunResult result);
    }

    private final String name;
    private final WorkflowImplementation reference = new ReferenceImplementation();
    private final BiConsumer<ObjectNode, RunOptions> templateRewrite;
    private final ResultRewrite resultRewrite;
    private final UnaryOperator<List<Diagnostic>> warningRewrite;

    private RewritingImplementation(String name, BiConsumer<ObjectNode, RunOptions> templateRewrite,
            ResultRewrite resultRewrite, UnaryOperator<List<Diagnostic>> warningRewrite) {
        this.name = name;
        this.templateRewrite = templateRewrite;
        this.resultRewrite = resultRewrite;
        this.warningRewrite = warningRewrite;
    }

    /** A broken implementation that changes the template before the reference sees it. */
    static RewritingImplementation rewritingTemplates(String name, Consumer<ObjectNode> rewrite) {
        return rewritingTemplates(name, (tree, options) -> rewrite.accept(tree));
    }

    /** A broken implementation that changes the template, knowing the run options, before the reference sees it. */
    static RewritingImplementation rewritingTemplates(String name, BiConsumer<ObjectNode, RunOptions> rewrite) {
        return new RewritingImplementation(name, rewrite, (template, options, result) -> result, UnaryOperator.identity());
    }

    /** A broken implementation that changes the trace the reference produced. */
    static RewritingImplementation rewritingTraces(String name, UnaryOperator<List<Effect>> rewrite) {
        return rewritingResults(name, (template, options, result) -> result instanceof RunResult.Completed completed
                ? new RunResult.Completed(new EffectTrace(rewrite.apply(new ArrayList<>(completed.trace().effects()))),
                        completed.warnings())
                : result);
    }

    /** A broken implementation that changes the reference's result, knowing the template and the options. */
    static RewritingImplementation rewritingResults(String name, ResultRewrite rewrite) {
        return new RewritingImplementation(name, (tree, options) -> { }, rewrite, UnaryOperator.identity());
    }

    /**
     * A broken implementation that changes the template before the reference sees it, then changes the
     * reference's result, knowing the template as the caller wrote it.
     */
    static RewritingImplementation rewriting(String name, BiConsumer<ObjectNode, RunOptions> templateRewrite,
            ResultRewrite resultRewrite) {
        return new RewritingImplementation(name, templateRewrite, resultRewrite, UnaryOperator.identity());
    }

    /** A broken implementation that changes the warnings the reference raised. */
    static RewritingImplementation rewritingWarnings(String name, UnaryOperator<List<Diagnostic>> rewrite) {
        return new RewritingImplementation(name, (tree, options) -> { }, (template, options, result) -> result, rewrite);
    }

    /** Every mapping of a tree, depth first, so rewrites can act wherever a section appears. */
    static List<ObjectNode> mappings(JsonNode node) {
        List<ObjectNode> all = new ArrayList<>();
        if (node instanceof ObjectNode object) {
            all.add(object);
        }
        node.forEach(child -> all.addAll(mappings(child)));
        return all;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return "broken";
    }

    @Override
    public Capabilities capabilities() {
        return reference.capabilities();
    }

    @Override
    public ParseResult parse(String yaml, String sourceName) {
        ParseResult parsed = reference.parse(rewrite(yaml, RunOptions.defaults()), sourceName);
        return new ParseResult(parsed.violations(), warningRewrite.apply(parsed.warnings()));
    }

    @Override
    public RunResult run(String yaml, RunOptions options) {
        RunResult result = resultRewrite.rewrite(tree(yaml), options, reference.run(rewrite(yaml, options), options));
        if (result instanceof RunResult.Completed completed) {
            return new RunResult.Completed(completed.trace(), warningRewrite.apply(completed.warnings()));
        }
        RunResult.Rejected rejected = (RunResult.Rejected) result;
        return new RunResult.Rejected(rejected.violations(), warningRewrite.apply(rejected.warnings()));
    }

    private String rewrite(String yaml, RunOptions options) {
        JsonNode tree = tree(yaml);
        if (tree == null) {
            return yaml;
        }
        templateRewrite.accept((ObjectNode) tree, options);
        return TemplateTree.write(tree);
    }

    private static JsonNode tree(String yaml) {
        try {
            return TemplateTree.read(yaml);
        } catch (TemplateTree.TemplateReadException e) {
            return null;
        }
    }
}
