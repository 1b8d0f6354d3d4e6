package io.flowmesh.conformance.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.flowmesh.conformance.audit.AuditInputException;
import io.flowmesh.conformance.audit.ImplementationSelector;
import io.flowmesh.conformance.audit.TemplateCorpus;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.ParseResult;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code validate FILE|DIR...}: schema-checks templates and prints every violation and warning. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validates templates: files, and every *.yaml / *.yml file below folders. Prints",
                "file:line:column: /pointer: message [code] for every violation, value a run would refuse, and",
                "warning (warnings say 'warning:');",
                "a file that cannot be read or decoded is reported, counts as invalid, and the run goes on.",
                "Exit 0 when all are valid, 1 when any is invalid (with --strict, also when any has a warning),",
                "2 on usage errors or when no template is found."})
final class ValidateCommand extends InputCheckedCommand {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "template files, or folders searched for templates at any depth")
    private List<Path> paths;

    @Option(names = "--impl", paramLabel = "NAME", description = "the implementation whose parser validates (default: the only one)")
    private String implementation;

    @Option(names = "--strict", description = "count warnings as errors: a template with a warning is invalid (exit 1)")
    private boolean strict;

    @Mixin
    private ProcessOptions process;

    @Override
    int run(PrintWriter out) throws AuditInputException {
        List<TemplateCorpus.TemplateFile> files = TemplateCorpus.expand(paths);
        WorkflowImplementation impl = ImplementationSelector.select(Optional.ofNullable(implementation),
                process.command(), process.limits(), 1);
        try (Closing closing = Closing.of(impl)) {
            int invalid = 0;
            int warnings = 0;
            for (TemplateCorpus.TemplateFile file : files) {
                String text;
                try {
                    text = TemplateCorpus.read(file);
                } catch (AuditInputException unreadable) {
                    out.println(unreadable.getMessage() + " [file.unreadable]");
                    invalid++;
                    continue;
                }
                ParseResult result;
                try {
                    result = impl.parse(text, file.path().toString());
                } catch (RuntimeException e) {
                    // The implementation's failure is this file's problem; the other files are still validated.
                    out.println(file.path() + ": error: the implementation failed while parsing: " + oneLine(e)
                            + " [implementation.error]");
                    invalid++;
                    continue;
                }
                // One list in line order: a reader fixes the file top to bottom.
                List<Finding> findings = new ArrayList<>();
                result.violations().forEach(d -> findings.add(new Finding(d, d.format())));
                result.runRefusals().forEach(d -> findings.add(new Finding(d, d.format() + " (a run refuses it)")));
                String level = strict ? "error" : "warning";
                result.warnings().forEach(d -> findings.add(new Finding(d, d.source() + ":" + d.line() + ":" + d.column()
                        + ": " + d.pointer() + ": " + level + ": " + d.message() + " [" + d.code() + "]")));
                findings.sort(Comparator.comparingInt((Finding f) -> f.diagnostic().line())
                        .thenComparingInt(f -> f.diagnostic().column()));
                findings.forEach(finding -> out.println(finding.line()));
                warnings += result.warnings().size();
                invalid += result.isValid() && result.runRefusals().isEmpty()
                        && !(strict && !result.warnings().isEmpty()) ? 0 : 1;
                out.flush();
            }
            out.printf("%d template(s): %d valid, %d invalid, %d warning(s)%n", files.size(), files.size() - invalid,
                    invalid, warnings);
            return invalid == 0 ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    private static String oneLine(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return message.replace('\n', ' ');
    }

    /** A diagnostic and the line that prints it. */
    private record Finding(Diagnostic diagnostic, String line) {
    }
}
