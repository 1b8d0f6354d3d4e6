package io.flowmesh.conformance.spi;

import java.util.List;

import org.apiguardian.api.API;

/**
 * The outcome of {@link WorkflowImplementation#parse}: valid when there are no violations.
 *
 * @param violations the reasons the template is refused; empty when it is valid
 * @param warnings findings that do not refuse the template, such as a field with no runtime effect
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ParseResult(List<Diagnostic> violations, List<Diagnostic> warnings) {

    public ParseResult {
        violations = List.copyOf(violations);
        warnings = List.copyOf(warnings);
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
