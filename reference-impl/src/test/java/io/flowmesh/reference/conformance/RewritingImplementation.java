package io.flowmesh.reference.conformance;

import java.util.ArrayList;
import java.util.List;
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
 * in (the template tree) and what comes out (the trace and the warnings). Each broken implementation
 * in {@link BrokenImplementationsTest} reproduces one bug the RFC found or could let back in.
 */
final class RewritingImplementation implements WorkflowImplementation {

    private final String name;
    private final WorkflowImplementation reference = new ReferenceImplementation();
    private final Consumer<ObjectNode> templateRewrite;
    private final UnaryOperator<List<Effect>> traceRewrite;
    private final UnaryOperator<List<Diagnostic>> warningRewrite;

    private RewritingImplementation(String name, Consumer<ObjectNode> templateRewrite,
            UnaryOperator<List<Effect>> traceRewrite, UnaryOperator<List<Diagnostic>> warningRewrite) {
        this.name = name;
        this.templateRewrite = templateRewrite;
        this.traceRewrite = traceRewrite;
        this.warningRewrite = warningRewrite;
    }

    /** A broken implementation that changes the template before the reference sees it. */
    static RewritingImplementation rewritingTemplates(String name, Consumer<ObjectNode> rewrite) {
        return new RewritingImplementation(name, rewrite, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /** A broken implementation that changes the trace the reference produced. */
    static RewritingImplementation rewritingTraces(String name, UnaryOperator<List<Effect>> rewrite) {
        return new RewritingImplementation(name, tree -> { }, rewrite, UnaryOperator.identity());
    }

    /** A broken implementation that changes the warnings the reference raised. */
    static RewritingImplementation rewritingWarnings(String name, UnaryOperator<List<Diagnostic>> rewrite) {
        return new RewritingImplementation(name, tree -> { }, UnaryOperator.identity(), rewrite);
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
        ParseResult parsed = reference.parse(rewrite(yaml), sourceName);
        return new ParseResult(parsed.violations(), warningRewrite.apply(parsed.warnings()));
    }

    @Override
    public RunResult run(String yaml, RunOptions options) {
        RunResult result = reference.run(rewrite(yaml), options);
        if (result instanceof RunResult.Completed completed) {
            return new RunResult.Completed(new EffectTrace(traceRewrite.apply(new ArrayList<>(completed.trace().effects()))),
                    warningRewrite.apply(completed.warnings()));
        }
        RunResult.Rejected rejected = (RunResult.Rejected) result;
        return new RunResult.Rejected(rejected.violations(), warningRewrite.apply(rejected.warnings()));
    }

    private String rewrite(String yaml) {
        JsonNode tree;
        try {
            tree = TemplateTree.read(yaml);
        } catch (TemplateTree.TemplateReadException e) {
            return yaml;
        }
        templateRewrite.accept((ObjectNode) tree);
        return TemplateTree.write(tree);
    }
}
