package io.flowmesh.conformance.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.flowmesh.conformance.audit.AuditInputException;
import io.flowmesh.conformance.audit.ImplementationSelector;
import io.flowmesh.conformance.audit.TemplateCorpus;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.ParseResult;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code validate FILE|DIR...}: schema-checks templates and prints every violation and warning. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validates templates: files, and every *.yaml / *.yml file below folders. Prints",
                "file:line:column: /pointer: message [code] for every violation and warning (warnings say 'warning:');",
                "a file that cannot be read is reported and counts as invalid.",
                "Exit 0 when all are valid, 1 when any is invalid, 2 on usage errors."})
final class ValidateCommand extends InputCheckedCommand {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "template files, or folders searched for templates at any depth")
    private List<Path> paths;

    @Option(names = "--impl", paramLabel = "NAME", description = "the implementation whose parser validates (default: the only one)")
    private String implementation;

    @Option(names = "--process", paramLabel = "COMMAND",
            description = "validate with an implementation process speaking the JSON-lines protocol")
    private String process;

    @Override
    int run(PrintWriter out) throws AuditInputException {
        WorkflowImplementation impl = ImplementationSelector.select(Optional.ofNullable(implementation),
                Optional.ofNullable(process));
        int invalid = 0;
        int warnings = 0;
        List<TemplateCorpus.TemplateFile> files = TemplateCorpus.expand(paths);
        for (TemplateCorpus.TemplateFile file : files) {
            String text;
            try {
                text = TemplateCorpus.read(file.path());
            } catch (AuditInputException unreadable) {
                out.println(file.path() + ": error: " + unreadable.getMessage());
                invalid++;
                continue;
            }
            ParseResult result = impl.parse(text, file.path().toString());
            for (Diagnostic violation : result.violations()) {
                out.println(violation.format());
            }
            for (Diagnostic warning : result.warnings()) {
                out.println(warning.source() + ":" + warning.line() + ":" + warning.column() + ": "
                        + warning.pointer() + ": warning: " + warning.message() + " [" + warning.code() + "]");
            }
            warnings += result.warnings().size();
            invalid += result.isValid() ? 0 : 1;
        }
        out.printf("%d template(s): %d valid, %d invalid, %d warning(s)%n", files.size(), files.size() - invalid,
                invalid, warnings);
        return invalid == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
