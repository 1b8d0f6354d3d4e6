package io.flowmesh.conformance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import io.flowmesh.conformance.audit.Audit;
import io.flowmesh.conformance.audit.AuditInputException;
import io.flowmesh.conformance.audit.Budget;
import io.flowmesh.conformance.audit.CheckPlan;
import io.flowmesh.conformance.audit.Deviations;
import io.flowmesh.conformance.audit.Selection;
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
import io.flowmesh.conformance.report.Badge;
import io.flowmesh.conformance.report.ResultsBundle;
import io.flowmesh.conformance.spi.Capabilities;
import picocli.CommandLine.Command;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code audit}: probes every field of every template and judges it against the classification. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Audits templates against an implementation and the field classification.",
                "Exit 0 when conformant, 1 on violations, 2 on usage or input errors."})
final class AuditCommand extends InputCheckedCommand {

    /** Report formats. */
    enum Format {
        text("report.txt", TextReport::write),
        json("report.json", JsonReport::write),
        markdown("report.md", MarkdownReport::write),
        html("report.html", HtmlReport::write),
        junit("TEST-flowmesh-conformance.xml", JUnitXmlReport::write);

        /** The file name the format gets in a {@code --report-dir}. */
        final String fileName;
        private final Function<AuditReport, String> writer;

        Format(String fileName, Function<AuditReport, String> writer) {
            this.fileName = fileName;
            this.writer = writer;
        }

        String render(AuditReport report) {
            return writer.apply(report);
        }
    }

    /** The formats a bundle holds: those people and machines read (the text report is the terminal's). */
    private static final List<Format> BUNDLED = List.of(Format.json, Format.markdown, Format.html, Format.junit);

    @Mixin
    private AuditOptions options;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, markdown, html (one self-contained page) or junit (JUnit XML for CI)"
                    + " (default: ${DEFAULT-VALUE})")
    private Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "also write the report to this file")
    private Path output;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "also write every format into this folder: "
            + "report.txt, report.json, report.md, report.html and TEST-flowmesh-conformance.xml (JUnit)")
    private Path reportDir;

    @Option(names = "--bundle", paramLabel = "FILE.zip",
            description = {"also write a results bundle: the reports, the badge, the deviations file, and a manifest",
                    "of the kit's and the classification's SHA-256, the implementation, the command line, JDK, OS",
                    "and GPU, with the SHA-256 of every file (check one with verify-bundle)"})
    private Path bundle;

    @Option(names = "--list", description = {"print the stable ID of every check the audit plans, one per line, sorted,",
            "and run nothing (with --only or --only-failed: the IDs selected)"})
    private boolean list;

    @Option(names = "--only", paramLabel = "ID|GLOB", arity = "1..*",
            description = {"run only the checks with these IDs (see --list); in a glob, * matches within one part of",
                    "an ID (between slashes), ** across parts, ? one character. The summary and verdict then",
                    "say it is a selection: it never gives a conformance verdict"})
    private List<String> only;

    @Option(names = "--only-failed", paramLabel = "REPORT.json",
            description = "run only the checks that failed in this earlier JSON report (--format json or report.json)")
    private Path onlyFailed;

    @Override
    int run(PrintWriter out) throws AuditInputException {
        // Every input is checked before the implementation (perhaps a process) is started.
        Classification classification = options.classification();
        List<Template> templates = options.templates();
        Selection selection = selection(templates, classification);
        if (list) {
            CheckPlan plan = CheckPlan.of(templates, classification);
            (selection.isAll() ? plan.ids() : selection.ids()).forEach(out::println);
            out.flush();
            return ExitCodes.OK;
        }
        Deviations deviations = options.deviations();
        Budget budget = options.budget();
        if (output != null) {
            checkWritable("--output", output);
        }
        if (reportDir != null) {
            checkWritableFolder(reportDir);
        }
        if (bundle != null) {
            if (!selection.isAll()) {
                throw new AuditInputException("--bundle publishes the full audit; it cannot be combined with --only or"
                        + " --only-failed");
            }
            checkWritable("--bundle", bundle);
        }
        AuditReport report;
        int jobs = options.jobs();
        WorkflowImplementation implementation = options.implementation();
        try (Closing closing = Closing.of(implementation);
             AuditOptions.ModelStoreChoice store = options.modelStore(templates, classification)) {
            report = new Audit(implementation, classification, options.runOptions(store, implementation), deviations,
                    options.rows.scope, budget).inParallel(jobs).reporting(options.progress(err())).selecting(selection)
                    .run(templates);
        }
        String text = format.render(report);
        out.print(text);
        out.flush();
        if (output != null) {
            write(output, text);
        }
        if (reportDir != null) {
            for (Format each : Format.values()) {
                write(reportDir.resolve(each.fileName), each == format ? text : each.render(report));
            }
            Optional<String> badge = Badge.json(report);
            if (badge.isPresent()) {
                write(reportDir.resolve(Badge.fileName(report.implementation())), badge.get());
            }
        }
        if (bundle != null) {
            Map<String, String> reports = new TreeMap<>();
            for (Format each : BUNDLED) {
                reports.put(each.fileName, each == format ? text : each.render(report));
            }
            try {
                ResultsBundle.write(bundle, report, reports, facts(implementation));
            } catch (IOException e) {
                throw new AuditInputException("cannot write the bundle to " + bundle + ": " + e.getMessage()
                        + " (the previous file, if any, is unchanged)");
            }
        }
        // A selection that passed exits 0, so that a fix can be rerun in a loop; its verdict says it is no conformance.
        return report.summary().allPassed() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The checks to run: every one, or those {@code --only} or {@code --only-failed} select. */
    private Selection selection(List<Template> templates, Classification classification) throws AuditInputException {
        if (only != null && onlyFailed != null) {
            throw new AuditInputException("--only and --only-failed select in two ways; give one of them");
        }
        if (only != null) {
            return Selection.of(CheckPlan.of(templates, classification), only, "--only " + String.join(" ", only));
        }
        if (onlyFailed != null) {
            List<String> gone = new java.util.ArrayList<>();
            Selection failed = Selection.failedIn(CheckPlan.of(templates, classification), onlyFailed, gone::add);
            if (!gone.isEmpty()) {
                err().println("note: " + gone.size() + " failed check(s) of " + onlyFailed + " are not checks of this audit"
                        + " and are not rerun: " + String.join(", ", gone.subList(0, Math.min(5, gone.size())))
                        + (gone.size() > 5 ? ", ..." : ""));
            }
            return failed;
        }
        return Selection.all();
    }

    private static void write(Path file, String text) throws AuditInputException {
        try {
            AtomicFile.write(file, text);
        } catch (IOException e) {
            throw new AuditInputException("cannot write the report to " + file + ": " + e.getMessage()
                    + " (the previous file, if any, is unchanged)");
        }
    }

    private static void checkWritableFolder(Path folder) throws AuditInputException {
        Path absolute = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            try {
                Files.createDirectories(absolute);
            } catch (IOException e) {
                throw new AuditInputException("--report-dir " + folder + ": cannot create the folder: " + e.getMessage());
            }
        }
        if (!Files.isWritable(absolute)) {
            throw new AuditInputException("--report-dir " + folder + ": the folder is not writable");
        }
    }

    /** The facts a bundle records that the report does not hold. */
    private ResultsBundle.Facts facts(WorkflowImplementation implementation) throws AuditInputException {
        Optional<String> backend = Optional.ofNullable(options.backend);
        Optional<Map<String, String>> gpu = Optional.empty();
        String gpuNote;
        if (backend.filter(Capabilities.GPU::equals).isPresent()) {
            GpuFacts facts = GpuFacts.probe();
            gpu = facts.gpu();
            gpuNote = facts.note();
        } else {
            gpuNote = "no GPU tests ran: the audit ran on " + backend.map(b -> "the " + b + " backend")
                    .orElse("the implementation's default backend (no --backend gpu)") + ", so no GPU is recorded";
        }
        return new ResultsBundle.Facts(FlowMeshConformance.VERSION, ResultsBundle.KitHash.of(AuditReport.class),
                bytes(options.classificationFile(), "the classification"),
                options.deviations == null ? Optional.empty() : Optional.of(bytes(options.deviations, "the deviations")),
                implementation.capabilities(), backend, List.copyOf(commandLine()), gpu, gpuNote);
    }

    private List<String> commandLine() {
        List<String> args = new java.util.ArrayList<>(List.of("flowmesh-conformance"));
        args.addAll(commandSpec().root().commandLine().getParseResult().originalArgs());
        return args;
    }

    private static byte[] bytes(Path file, String what) throws AuditInputException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AuditInputException("cannot read " + what + " file " + file + " for the bundle: " + e.getMessage());
        }
    }

    /** A report that cannot be written is known before the audit runs, not after. */
    private static void checkWritable(String option, Path output) throws AuditInputException {
        Path absolute = output.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new AuditInputException(option + " " + output + ": is a folder; name the "
                    + (option.equals("--bundle") ? "bundle" : "report") + " file");
        }
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new AuditInputException(option + " " + output + ": no such folder " + folder);
        }
        if (!Files.isWritable(folder)) {
            throw new AuditInputException(option + " " + output + ": the folder " + folder + " is not writable");
        }
    }
}
