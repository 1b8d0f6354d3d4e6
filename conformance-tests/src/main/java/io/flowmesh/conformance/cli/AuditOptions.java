package io.flowmesh.conformance.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.flowmesh.conformance.audit.Audit;
import io.flowmesh.conformance.audit.AuditInputException;
import io.flowmesh.conformance.audit.Budget;
import io.flowmesh.conformance.audit.Deviations;
import io.flowmesh.conformance.audit.GeneratedModelStore;
import io.flowmesh.conformance.audit.ModelDemand;
import io.flowmesh.conformance.audit.Template;
import io.flowmesh.conformance.audit.TemplateCorpus;
import io.flowmesh.conformance.audit.ImplementationSelector;
import io.flowmesh.conformance.audit.RowScope;
import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.classification.ClassificationException;
import io.flowmesh.conformance.classification.ClassificationLoader;
import io.flowmesh.conformance.probe.ProbeRunner;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import io.flowmesh.conformance.store.TemporaryFolder;
import io.flowmesh.conformance.suite.SuiteSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options {@code audit} and {@code bench} share, and their resolution into audit inputs. */
final class AuditOptions {

    @Option(names = "--templates", paramLabel = "FILE|DIR", arity = "1..*",
            description = {"template files, or folders searched for templates at any depth (default: the templates",
                    "bundled with the kit, or templates/ under -D" + SuiteSettings.ROOT + " when set)"})
    List<Path> templates;

    @Option(names = "--classification", paramLabel = "FILE",
            description = {"classification file (default: the one bundled with the kit, or",
                    "expected/classification.yaml under -D" + SuiteSettings.ROOT + " when set)"})
    Path classification;

    @Option(names = "--impl", paramLabel = "NAME", description = "implementation to audit (default: the only one)")
    String implementation;

    @Option(names = "--model-store", paramLabel = "DIR",
            description = {"model store in Hugging Face cache layout, handed to the implementation (default: a store",
                    "generated for the audited templates: every model they name at main and every revision they or the",
                    "classification's probes name)"})
    Path modelStore;

    @Option(names = "--url-mirror", paramLabel = "DIR",
            description = {"folder answering http(s) URLs offline as DIR/host/path; it must exist (default: the",
                    "mirror bundled with the kit, or fixtures/url-mirror under -D" + SuiteSettings.ROOT + " when set, or an",
                    "empty mirror when that is missing: the audit never uses the network)"})
    Path urlMirror;

    @Mixin
    ProcessOptions process;

    @Option(names = "--template-timeout", paramLabel = "SECONDS",
            description = {"the longest one template's audit may take (default: 600, or -D" + Budget.PROPERTY + ");",
                    "an overrun, like running out of memory, fails that template and the audit goes on"})
    Double templateTimeout;

    @Option(names = "--rows", paramLabel = "SCOPE", defaultValue = "all",
            description = "which classification rows are judged: all (a row nothing measures fails), or used (only"
                    + " those whose fields the templates use: a template author's own folder) (default: ${DEFAULT-VALUE})")
    RowScopeOption rows;

    /** The values of {@code --rows}. */
    enum RowScopeOption {
        all(RowScope.ALL), used(RowScope.USED);

        final RowScope scope;

        RowScopeOption(RowScope scope) {
            this.scope = scope;
        }
    }

    @Option(names = "--jobs", paramLabel = "N", description = "audit up to N templates at once, when the implementation"
            + " declares it may be called concurrently; the report is the same whatever N (default: the number of cores)")
    Integer jobs;

    int jobs() throws AuditInputException {
        int n = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (n < 1) {
            throw new AuditInputException("--jobs " + n + ": expected at least 1");
        }
        return n;
    }

    @Option(names = "--quiet", description = "no progress line (templates done, seconds) on the terminal; pipes never get one")
    boolean quiet;

    Audit.Progress progress(PrintWriter err) {
        return ProgressLine.on(err, quiet);
    }

    @Option(names = "--backend", paramLabel = "FAMILY",
            description = "run on this backend family (cpu or gpu); it must be one the implementation declares"
                    + " (default: the implementation's choice)")
    String backend;

    @Option(names = "--deviations", paramLabel = "FILE",
            description = "the implementation's known deviations: listed checks must fail (and then pass as expected)")
    Path deviations;

    Deviations deviations() throws AuditInputException {
        return deviations == null ? Deviations.none() : Deviations.load(deviations);
    }

    WorkflowImplementation implementation() throws AuditInputException {
        // An implementation process gets one process per job: each answers one request at a time.
        return ImplementationSelector.select(Optional.ofNullable(implementation), process.command(), process.limits(), jobs());
    }

    /** The time each template's audit may take. */
    Budget budget() throws AuditInputException {
        try {
            // Read here so that a malformed limit is an input error, not a failure inside the audit.
            ProbeRunner.maxTraceBytesFromSystemProperties();
        } catch (IllegalArgumentException e) {
            throw new AuditInputException(e.getMessage());
        }
        if (templateTimeout == null) {
            try {
                return Budget.fromSystemProperties();
            } catch (IllegalArgumentException e) {
                throw new AuditInputException(e.getMessage());
            }
        }
        if (!(templateTimeout > 0 && templateTimeout <= 86_400)) {
            throw new AuditInputException("--template-timeout " + templateTimeout
                    + ": expected a number of seconds in (0, 86400]");
        }
        return new Budget(Duration.ofMillis(Math.round(templateTimeout * 1000)));
    }

    Classification classification() throws AuditInputException {
        return classification(classification);
    }

    /** The classification file read: {@code --classification}, or the default one. */
    Path classificationFile() {
        return classification != null ? classification : SuiteSettings.defaultRoot().resolve("expected/classification.yaml");
    }

    /** The classification in this file, or the default one when {@code file} is null. */
    static Classification classification(Path file) throws AuditInputException {
        try {
            return ClassificationLoader.load(file != null ? file
                    : SuiteSettings.defaultRoot().resolve("expected/classification.yaml"));
        } catch (ClassificationException e) {
            throw new AuditInputException(e.getMessage());
        }
    }

    /** The templates named by {@code --templates}. */
    List<Template> templates() throws AuditInputException {
        return TemplateCorpus.load(templates != null ? templates : List.of(SuiteSettings.defaultRoot().resolve("templates")));
    }

    /**
     * The model store of an audit of these templates: the user's {@code --model-store}, else one
     * generated for them, which the returned store deletes when closed.
     */
    ModelStoreChoice modelStore(List<Template> audited, Classification classification) throws AuditInputException {
        if (modelStore == null) {
            return new ModelStoreChoice(GeneratedModelStore.write(ModelDemand.of(audited, classification)));
        }
        if (!Files.isDirectory(modelStore)) {
            throw new AuditInputException(modelStore + ": no such model store folder (set one with --model-store)");
        }
        return new ModelStoreChoice(modelStore);
    }

    /**
     * The run options every run gets: the model store, a URL mirror so that no implementation needs the
     * network (the folder given, which must exist; else the repository's; else an empty one, which
     * {@code store} deletes), on the backend chosen.
     */
    RunOptions runOptions(ModelStoreChoice store, WorkflowImplementation implementation) throws AuditInputException {
        Path mirror;
        if (urlMirror != null) {
            if (!Files.isDirectory(urlMirror)) {
                throw new AuditInputException(urlMirror + ": no such URL mirror folder (--url-mirror); the audit answers"
                        + " http(s) URLs from DIR/host/path and never uses the network");
            }
            mirror = urlMirror;
        } else {
            Path bundled = SuiteSettings.defaultRoot().resolve("fixtures/url-mirror");
            mirror = Files.isDirectory(bundled) ? bundled : store.emptyMirror();
        }
        RunOptions options = RunOptions.defaults()
                .with(RunOptions.MODEL_STORE, store.root().toAbsolutePath().normalize().toString())
                .with(RunOptions.URL_MIRROR, mirror.toAbsolutePath().normalize().toString());
        return ImplementationSelector.onBackend(implementation, options, Optional.ofNullable(backend));
    }

    /** The model store an audit runs on: the user's folder, or a generated one deleted on close. */
    static final class ModelStoreChoice implements AutoCloseable {

        private final Path root;
        private final GeneratedModelStore generated;
        private TemporaryFolder emptyMirror;

        ModelStoreChoice(Path userStore) {
            this.root = userStore;
            this.generated = null;
        }

        ModelStoreChoice(GeneratedModelStore generated) {
            this.root = generated.root();
            this.generated = generated;
        }

        Path root() {
            return root;
        }

        /** An empty URL mirror for this audit, deleted on close. */
        Path emptyMirror() throws AuditInputException {
            if (emptyMirror == null) {
                try {
                    emptyMirror = TemporaryFolder.create("flowmesh-empty-mirror-");
                } catch (java.io.IOException e) {
                    throw new AuditInputException("cannot create an empty URL mirror: " + e.getMessage());
                }
            }
            return emptyMirror.path();
        }

        @Override
        public void close() {
            if (generated != null) {
                generated.close();
            }
            if (emptyMirror != null) {
                emptyMirror.close();
            }
        }
    }
}
