package io.flowmesh.conformance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.flowmesh.conformance.audit.Audit;
import io.flowmesh.conformance.audit.AuditInputException;
import io.flowmesh.conformance.audit.Template;
import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import io.flowmesh.conformance.report.AuditReport;
import io.flowmesh.conformance.report.HtmlReport;
import io.flowmesh.conformance.report.JUnitXmlReport;
import io.flowmesh.conformance.report.JsonReport;
import io.flowmesh.conformance.report.MarkdownReport;
import io.flowmesh.conformance.report.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code audit}: probes every field of every template and judges it against the classification. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Audits templates against an implementation and the field classification.",
                "Exit 0 when conformant, 1 on violations, 2 on usage or input errors."})
final class AuditCommand extends InputCheckedCommand {

    /** Report formats. */
    enum Format { text, json, markdown, html, junit }

    @Mixin
    private AuditOptions options;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, markdown, html (one self-contained page) or junit (JUnit XML for CI)"
                    + " (default: ${DEFAULT-VALUE})")
    private Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "also write the report to this file")
    private Path output;

    @Override
    int run(PrintWriter out) throws AuditInputException {
        WorkflowImplementation implementation = options.implementation();
        Classification classification = options.classification();
        List<Template> templates = options.templates();
        AuditReport report;
        try (AuditOptions.ModelStoreChoice store = options.modelStore(templates, classification)) {
            report = new Audit(implementation, classification, options.runOptions(store, implementation), options.deviations(),
                    options.rows.scope)
                    .run(templates);
        }
        String text;
        switch (format) {
            case json:
                text = JsonReport.write(report);
                break;
            case markdown:
                text = MarkdownReport.write(report);
                break;
            case html:
                text = HtmlReport.write(report);
                break;
            case junit:
                text = JUnitXmlReport.write(report);
                break;
            default:
                text = TextReport.write(report);
        }
        out.print(text);
        out.flush();
        if (output != null) {
            try {
                Files.writeString(output, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AuditInputException("cannot write " + output + ": " + e.getMessage());
            }
        }
        return report.summary().conformant() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
