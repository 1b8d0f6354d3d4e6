package io.flowmesh.conformance.report;

import java.util.List;
import java.util.Optional;

import io.flowmesh.conformance.spi.Diagnostic;
import org.apiguardian.api.API;

/**
 * Everything the audit found about one template.
 *
 * @param file the template's file name
 * @param valid whether the implementation accepted it
 * @param violations why it was refused, if it was
 * @param warnings the warnings its parse raised
 * @param skipped why it was not checked, when the implementation lacks a capability it needs
 * @param checks the whole-template checks
 * @param probes the field probes
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record TemplateReport(String file, boolean valid, List<Diagnostic> violations, List<Diagnostic> warnings,
        Optional<String> skipped, List<TemplateCheck> checks, List<ProbeCheck> probes) {

    public TemplateReport {
        violations = List.copyOf(violations);
        warnings = List.copyOf(warnings);
        checks = List.copyOf(checks);
        probes = List.copyOf(probes);
    }
}
