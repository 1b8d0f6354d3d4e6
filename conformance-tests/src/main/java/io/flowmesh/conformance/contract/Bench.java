package io.flowmesh.conformance.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowmesh.conformance.probe.TemplateTree;
import io.flowmesh.conformance.probe.Values;
import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import io.flowmesh.conformance.store.HubCacheWriter;
import io.flowmesh.conformance.store.TemporaryFolder;
import io.flowmesh.conformance.witness.Witness;
import io.flowmesh.conformance.witness.WitnessServer;

/**
 * Where contract cases run: a private folder holding the inputs the kit writes for them (the model
 * store of {@link KitModels}, a URL mirror, agent scripts), and the implementation under test with run
 * options that point at those inputs. Every run also gets its own address on the kit's hub
 * ({@link RunOptions#HUB_ENDPOINT}) and URL server ({@link RunOptions#URL_ENDPOINT}), serving the run's
 * model store and URL mirror, and its {@link Observed} keeps what the run asked of them. Deleted, and the hub stopped, when closed.
 *
 * <p>Contracts may use one bench from several threads at once: each writes its inputs under paths of its
 * own, and each run has a witness of its own.
 */
final class Bench implements AutoCloseable {

    private final WorkflowImplementation implementation;
    private final TemporaryFolder folder;
    private final Path dir;
    private final RunOptions options;
    private final WitnessServer witnesses;
    private final Capabilities declared;

    private Bench(WorkflowImplementation implementation, TemporaryFolder folder, RunOptions options, WitnessServer witnesses) {
        this.implementation = implementation;
        this.folder = folder;
        this.dir = folder.path();
        this.options = options;
        this.witnesses = witnesses;
        this.declared = implementation.capabilities();
    }

    /**
     * A bench in a new temporary folder, its model store written.
     *
     * @param base the audit's run options; the bench replaces the model store and the URL mirror
     */
    static Bench open(WorkflowImplementation implementation, RunOptions base) {
        try {
            // Should writing fail, the folder goes at the JVM's exit.
            TemporaryFolder folder = TemporaryFolder.create("flowmesh-contracts-");
            Path store = folder.path().resolve("model-store");
            Path mirror = folder.path().resolve("url-mirror");
            Files.createDirectories(mirror);
            KitModels.write(HubCacheWriter.at(store));
            RunOptions options = base.with(RunOptions.MODEL_STORE, store.toString())
                    .with(RunOptions.URL_MIRROR, mirror.toString());
            return new Bench(implementation, folder, options, WitnessServer.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the contract cases' inputs", e);
        }
    }

    /** The run options every case gets: the bench's model store and URL mirror. */
    RunOptions options() {
        return options;
    }

    /** The URL mirror's root: {@code https://host/path} is answered from {@code <root>/host/path}. */
    Path mirror() {
        return dir.resolve("url-mirror");
    }

    /** A file of the bench, written whole (parents created). */
    Path write(String relative, byte[] content) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A text file of the bench, UTF-8. */
    Path write(String relative, String text) {
        return write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A folder of the bench, created. */
    Path folder(String relative) {
        Path folder = dir.resolve(relative);
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }

    /** Whether the implementation declares this kit-served boundary, e.g. {@code agent}. */
    boolean declares(String boundary) {
        return declared.witnesses(boundary);
    }

    /** Runs a scenario with the bench's options. */
    Observed run(Map<String, Object> template) {
        return run(template, options);
    }

    /** Runs a scenario, given as a JSON-like tree, with these options. */
    Observed run(Map<String, Object> template, RunOptions runOptions) {
        return run(TemplateTree.write(Values.toTree(template)), runOptions);
    }

    /** Runs a scenario given as a Jackson tree, with the bench's options. */
    Observed run(JsonNode template) {
        return run(TemplateTree.write(template), options);
    }

    /**
     * Runs with a hub and a URL server address of the run's own, over the run's model store and URL
     * mirror. The witness is judged only at the boundaries the implementation declares: one that declares
     * none is measured on its trace alone.
     */
    private Observed run(String yaml, RunOptions runOptions) {
        return run(yaml, runOptions, null);
    }

    /**
     * Runs a scenario with the bench's options and an agent endpoint that streams these real-time scripts
     * (the {@code agentScripts} shape, in seconds of the wall clock); other runs' agent endpoints script
     * nothing and answer 404.
     */
    Observed runAgainstAgentEndpoint(Map<String, Object> template, RunOptions runOptions, Path realTimeScripts) {
        return run(TemplateTree.write(Values.toTree(template)), runOptions, realTimeScripts);
    }

    private Observed run(String yaml, RunOptions runOptions, Path realTimeScripts) {
        WitnessServer.Run witnessed = witnesses.open(Path.of(runOptions.get(RunOptions.MODEL_STORE).orElseThrow()),
                Path.of(runOptions.get(RunOptions.URL_MIRROR).orElseThrow()), realTimeScripts);
        Observed observed;
        try {
            observed = Observed.of(implementation.run(yaml, runOptions.with(RunOptions.HUB_ENDPOINT, witnessed.hubEndpoint())
                    .with(RunOptions.URL_ENDPOINT, witnessed.urlEndpoint())
                    .with(RunOptions.AGENT_ENDPOINT, witnessed.agentEndpoint())));
        } catch (RuntimeException e) {
            observed = Observed.error(e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        Witness witness = witnessed.finish();
        return observed.witnessedBy(witness, declared);
    }

    @Override
    public void close() {
        witnesses.close();
        folder.close();
    }
}
