package io.flowmesh.conformance.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.flowmesh.conformance.audit.AuditInputException;
import io.flowmesh.conformance.audit.Deviations;
import io.flowmesh.conformance.audit.ImplementationSelector;
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

    @Option(names = "--templates", paramLabel = "DIR", defaultValue = ROOT + "templates",
            description = "folder of templates (default: ${DEFAULT-VALUE})")
    Path templates;

    @Option(names = "--classification", paramLabel = "FILE", defaultValue = ROOT + "expected/classification.yaml",
            description = "classification file (default: ${DEFAULT-VALUE})")
    Path classification;

    @Option(names = "--impl", paramLabel = "NAME", description = "implementation to audit (default: the only one)")
    String implementation;

    @Option(names = "--model-store", paramLabel = "DIR", defaultValue = ROOT + "fixtures/model-store",
            description = "model store in Hugging Face cache layout, handed to the implementation (default: ${DEFAULT-VALUE})")
    Path modelStore;

    @Option(names = "--url-mirror", paramLabel = "DIR", defaultValue = ROOT + "fixtures/url-mirror",
            description = "folder answering http(s) URLs offline as DIR/host/path (default: ${DEFAULT-VALUE})")
    Path urlMirror;

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

    RunOptions runOptions() throws AuditInputException {
        if (!Files.isDirectory(modelStore)) {
            throw new AuditInputException(modelStore + ": no such model store folder (set one with --model-store)");
        }
        RunOptions options = RunOptions.defaults()
                .with(RunOptions.MODEL_STORE, modelStore.toAbsolutePath().normalize().toString());
        return Files.isDirectory(urlMirror)
                ? options.with(RunOptions.URL_MIRROR, urlMirror.toAbsolutePath().normalize().toString()) : options;
    }
}
