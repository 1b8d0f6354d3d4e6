package io.flowmesh.conformance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.flowmesh.conformance.audit.Audit;
import io.flowmesh.conformance.audit.AuditInputException;
import io.flowmesh.conformance.audit.Budget;
import io.flowmesh.conformance.audit.Deviations;
import io.flowmesh.conformance.audit.Template;
import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import io.flowmesh.conformance.report.AtomicFile;
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
        // Every input is checked before the implementation (perhaps a process) is started.
        Classification classification = options.classification();
        List<Template> templates = options.templates();
        Deviations deviations = options.deviations();
        Budget budget = options.budget();
        if (output != null) {
            checkWritable(output);
        }
        AuditReport report;
        WorkflowImplementation implementation = options.implementation();
        try (Closing closing = Closing.of(implementation);
             AuditOptions.ModelStoreChoice store = options.modelStore(templates, classification)) {
            report = new Audit(implementation, classification, options.runOptions(store, implementation), deviations,
                    options.rows.scope, budget)
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
                AtomicFile.write(output, text);
            } catch (IOException e) {
                throw new AuditInputException("cannot write the report to " + output + ": " + e.getMessage()
                        + " (the previous file, if any, is unchanged)");
            }
        }
        return report.summary().conformant() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** A report that cannot be written is known before the audit runs, not after. */
    private static void checkWritable(Path output) throws AuditInputException {
        Path absolute = output.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new AuditInputException("--output " + output + ": is a folder; name the report file");
        }
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new AuditInputException("--output " + output + ": no such folder " + folder);
        }
        if (!Files.isWritable(folder)) {
            throw new AuditInputException("--output " + output + ": the folder " + folder + " is not writable");
        }
    }
}
