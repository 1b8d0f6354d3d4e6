package io.flowmesh.conformance.spi;

import java.util.List;

import org.apiguardian.api.API;

/**
 * The outcome of {@link WorkflowImplementation#parse}: valid when there are no violations.
 *
 * <p>Validation agrees with running: a value the parser accepts (as upstream FlowMesh's parser does)
 * but that an executor will refuse when the template runs, such as {@code max_tokens: "thirty-two"},
 * is a {@linkplain #runRefusals() run refusal}. It does not make the template invalid, since the
 * template is well formed and its refusal belongs to the run, but {@code validate} reports it as an
 * error, so a template that validates cleanly is never refused later for a value written in it.
 *
 * @param violations the reasons the template is refused; empty when it is valid
 * @param warnings findings that do not refuse the template, such as a field with no runtime effect
 * @param runRefusals what a run of this template will refuse before its first task, found ahead of
 *     the run, each with the diagnostic the run gives; empty when the implementation finds none ahead
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ParseResult(List<Diagnostic> violations, List<Diagnostic> warnings, List<Diagnostic> runRefusals) {

    public ParseResult {
        violations = List.copyOf(violations);
        warnings = List.copyOf(warnings);
        runRefusals = List.copyOf(runRefusals);
    }

    /** A result with no run refusals found ahead. */
    public ParseResult(List<Diagnostic> violations, List<Diagnostic> warnings) {
        this(violations, warnings, List.of());
    }

    /** A valid result carrying the given warnings. */
    public static ParseResult valid(List<Diagnostic> warnings) {
        return new ParseResult(List.of(), warnings);
    }

    /** Whether the template was accepted. */
    public boolean isValid() {
        return violations.isEmpty();
    }
}
