package io.flowmesh.examples.echo;

import java.util.List;
import java.util.Set;

import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.EffectTrace;
import io.flowmesh.conformance.spi.ParseResult;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.conformance.spi.WorkflowImplementation;

/**
 * The runtime as the conformance kit sees it, through the kit's SPI. It lives in the test sources, like
 * the kit: the runtime itself does not depend on the kit. {@code META-INF/services} in the test
 * resources registers it, and Surefire runs the kit's suites against it ({@code dependenciesToScan}).
 */
public final class EchoConformanceAdapter implements WorkflowImplementation {

    private final EchoRuntime runtime = new EchoRuntime();

    @Override
    public String name() {
        return "java-echo";
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    /** Only echo is run, so only templates of that task type are measured: a partial profile. */
    @Override
    public Capabilities capabilities() {
        return new Capabilities(Set.of("echo"), Set.of(Capabilities.CPU));
    }

    @Override
    public ParseResult parse(String yaml, String sourceName) {
        return new ParseResult(diagnostics(runtime.validate(yaml), sourceName), List.of());
    }

    @Override
    public RunResult run(String yaml, RunOptions options) {
        EchoRuntime.Outcome outcome = runtime.run(yaml);
        if (outcome instanceof EchoRuntime.Refused refused) {
            return new RunResult.Rejected(diagnostics(List.of(refused.problem()), "template"), List.of());
        }
        List<Effect> effects = ((EchoRuntime.Ran) outcome).handovers().stream()
                .map(h -> new Effect(h.channel(), h.key(), h.value())).toList();
        return new RunResult.Completed(new EffectTrace(effects), List.of());
    }

    private static List<Diagnostic> diagnostics(List<EchoRuntime.Problem> problems, String source) {
        return problems.stream().map(p -> new Diagnostic(source, p.pointer(), p.line(), p.column(), p.code(), p.message()))
                .toList();
    }
}
