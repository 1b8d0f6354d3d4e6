package io.flowmesh.conformance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.flowmesh.conformance.audit.AuditInputException;
import io.flowmesh.conformance.audit.ImplementationSelector;
import io.flowmesh.conformance.audit.TemplateCorpus;
import io.flowmesh.conformance.migrate.Migration;
import io.flowmesh.conformance.migrate.MigrationException;
import io.flowmesh.conformance.migrate.MigrationRules;
import io.flowmesh.conformance.migrate.Migrator;
import io.flowmesh.conformance.migrate.UnifiedDiff;
import io.flowmesh.conformance.report.AtomicFile;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.ParseResult;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code migrate FILE|DIR... [--write]}: brings templates to the classification's current shape, as a
 * unified diff or in place.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Migrates templates to the current shape: deletes the fields of the classification's remove rows",
                "(resources.replicas, sloSeconds, parallel, ...), lifts an adapter's kwargs into url, headers, ... and",
                "drops the rest, and removes a mapping left empty. Only the lines of those fields change: comments,",
                "key order and formatting stay. Prints a unified diff (stdout); with --write edits the files in place",
                "(temporary file, then rename). The result is parsed again, and validated when an implementation is",
                "on the class path: a migration that would add a violation is refused.",
                "Exit 0 when nothing is to change (or --write migrated all), 1 when a file would change,",
                "2 when a file cannot be read, parsed or migrated safely (that file is left as it was)."})
final class MigrateCommand extends InputCheckedCommand {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "template files, or folders searched for templates at any depth")
    private List<Path> paths;

    @Option(names = "--write", description = "edit the files in place instead of printing the diff")
    private boolean write;

    @Option(names = "--classification", paramLabel = "FILE",
            description = "classification whose remove and fix rows say what changes (default: the one bundled with the kit)")
    private Path classification;

    @Option(names = "--impl", paramLabel = "NAME",
            description = "the implementation whose parser validates the result (default: the only one, if any)")
    private String implementation;

    @Mixin
    private ProcessOptions process;

    @Override
    int run(PrintWriter out) throws AuditInputException {
        Migrator migrator = new Migrator(MigrationRules.of(AuditOptions.classification(classification)));
        List<TemplateCorpus.TemplateFile> files = TemplateCorpus.expand(paths);
        Optional<WorkflowImplementation> validator = validator();
        try (Closing closing = Closing.of(validator.orElse(null))) {
            int refused = 0;
            int changed = 0;
            for (TemplateCorpus.TemplateFile file : files) {
                Optional<Migration> migration = migrate(file, migrator);
                if (migration.isEmpty()) {
                    refused++;
                    continue;
                }
                if (!migration.get().changed()) {
                    continue;
                }
                if ((validator.isPresent() && !stillValid(validator.get(), migration.get())) || (write && !write(file, migration.get(), out))) {
                    refused++;
                    continue;
                }
                if (!write) {
                    out.print(UnifiedDiff.of(file.path().toString(), migration.get().before(), migration.get().after()));
                }
                out.flush();
                changed++;
            }
            if (changed > 0 && validator.isEmpty()) {
                err().println("note: no FlowMesh implementation on the class path, so the migrated templates were not"
                        + " validated; run 'validate' on them");
            }
            err().printf("%d template(s): %d %s, %d unchanged, %d refused%n", files.size(), changed,
                    write ? "migrated" : "to migrate", files.size() - changed - refused, refused);
            err().flush();
            return refused > 0 ? ExitCodes.USAGE : !write && changed > 0 ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }

    /** The implementation that validates results: the one asked for, else the only one present, else none. */
    private Optional<WorkflowImplementation> validator() throws AuditInputException {
        if (implementation == null && process.command().isEmpty() && !ImplementationSelector.anyRegistered()) {
            return Optional.empty();
        }
        return Optional.of(ImplementationSelector.select(Optional.ofNullable(implementation), process.command(),
                process.limits(), 1));
    }

    private Optional<Migration> migrate(TemplateCorpus.TemplateFile file, Migrator migrator) {
        try {
            return Optional.of(migrator.migrate(TemplateCorpus.read(file), file.path().toString()));
        } catch (AuditInputException | MigrationException e) {
            err().println("error: " + e.getMessage() + (e.getMessage().contains("left as it was") ? "" : "; it was left as it was"));
            return Optional.empty();
        }
    }

    /**
     * Whether the migrated template has no violation the template did not have already; what the
     * implementation still finds is printed for a person to fix.
     */
    private boolean stillValid(WorkflowImplementation impl, Migration migration) {
        ParseResult before;
        ParseResult after;
        try {
            before = impl.parse(migration.before(), migration.source());
            after = impl.parse(migration.after(), migration.source());
        } catch (RuntimeException e) {
            err().println("error: " + migration.source() + ": the implementation failed while validating the migrated"
                    + " template: " + e + "; it was left as it was");
            return false;
        }
        Set<String> known = before.violations().stream().map(MigrateCommand::identity).collect(Collectors.toSet());
        List<Diagnostic> added = after.violations().stream().filter(v -> !known.contains(identity(v))).toList();
        if (!added.isEmpty()) {
            err().println("error: " + migration.source() + ": the migrated template would be invalid, so it was left as it was:");
            added.forEach(v -> err().println("  " + v.format()));
            return false;
        }
        after.violations().forEach(v -> err().println("still to fix by hand: " + v.format()));
        after.warnings().forEach(w -> err().println("still to fix by hand: warning: " + w.format()));
        return true;
    }

    private static String identity(Diagnostic diagnostic) {
        return diagnostic.pointer() + " " + diagnostic.code();
    }

    private boolean write(TemplateCorpus.TemplateFile file, Migration migration, PrintWriter out) {
        try {
            // A link stays a link: its target is what is migrated.
            AtomicFile.write(file.path().toRealPath(), migration.after());
        } catch (IOException e) {
            err().println("error: " + file.path() + ": cannot write: " + e.getMessage() + "; it was left as it was");
            return false;
        }
        for (Migration.Change change : migration.changes()) {
            out.println(file.path() + ":" + change.line() + ": " + change.pointer() + ": "
                    + change.kind().name().toLowerCase(Locale.ROOT) + " (" + change.rule() + ")");
        }
        return true;
    }
}
