package io.flowmesh.conformance.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.flowmesh.conformance.audit.AuditInputException;
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
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import picocli.CommandLine.Option;

/** The options {@code audit} and {@code bench} share, and their resolution into audit inputs. */
final class AuditOptions {

    /** Defaults resolve against the repository root the launcher names, else the working directory. */
    private static final String ROOT = "${sys:flowmesh.repository.root:-.}/";

    @Option(names = "--templates", paramLabel = "FILE|DIR", arity = "1..*", defaultValue = ROOT + "templates",
            description = "template files, or folders searched for templates at any depth (default: ${DEFAULT-VALUE})")
    List<Path> templates;

    @Option(names = "--classification", paramLabel = "FILE", defaultValue = ROOT + "expected/classification.yaml",
            description = "classification file (default: ${DEFAULT-VALUE})")
    Path classification;

    @Option(names = "--impl", paramLabel = "NAME", description = "implementation to audit (default: the only one)")
    String implementation;

    @Option(names = "--model-store", paramLabel = "DIR",
            description = {"model store in Hugging Face cache layout, handed to the implementation (default: a store",
                    "generated for the audited templates: every model they name at main and every revision they or the",
                    "classification's probes name)"})
    Path modelStore;

    @Option(names = "--url-mirror", paramLabel = "DIR", defaultValue = ROOT + "fixtures/url-mirror",
            description = "folder answering http(s) URLs offline as DIR/host/path (default: ${DEFAULT-VALUE})")
    Path urlMirror;

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

    @Option(names = "--backend", paramLabel = "FAMILY",
            description = "run on this backend family (cpu or gpu); it must be one the implementation declares"
                    + " (default: the implementation's choice)")
    String backend;

    @Option(names = "--process", paramLabel = "COMMAND",
            description = "audit an implementation process speaking the JSON-lines protocol (command split on spaces)")
    String process;

    @Option(names = "--deviations", paramLabel = "FILE",
            description = "the implementation's known deviations: listed checks must fail (and then pass as expected)")
    Path deviations;

    Deviations deviations() throws AuditInputException {
        return deviations == null ? Deviations.none() : Deviations.load(deviations);
    }

    WorkflowImplementation implementation() throws AuditInputException {
        return ImplementationSelector.select(Optional.ofNullable(implementation), Optional.ofNullable(process));
    }

    Classification classification() throws AuditInputException {
        try {
            return ClassificationLoader.load(classification);
        } catch (ClassificationException e) {
            throw new AuditInputException(e.getMessage());
        }
    }

    /** The templates named by {@code --templates}. */
    List<Template> templates() throws AuditInputException {
        return TemplateCorpus.load(templates);
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

    RunOptions runOptions(ModelStoreChoice store, WorkflowImplementation implementation) throws AuditInputException {
        RunOptions options = RunOptions.defaults()
                .with(RunOptions.MODEL_STORE, store.root().toAbsolutePath().normalize().toString());
        options = Files.isDirectory(urlMirror)
                ? options.with(RunOptions.URL_MIRROR, urlMirror.toAbsolutePath().normalize().toString()) : options;
        return ImplementationSelector.onBackend(implementation, options, Optional.ofNullable(backend));
    }

    /** The model store an audit runs on: the user's folder, or a generated one deleted on close. */
    static final class ModelStoreChoice implements AutoCloseable {

        private final Path root;
        private final GeneratedModelStore generated;

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

        @Override
        public void close() {
            if (generated != null) {
                generated.close();
            }
        }
    }
}
