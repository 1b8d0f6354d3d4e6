package io.flowmesh.reference.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.flowmesh.conformance.store.HubCacheWriter;
import io.flowmesh.conformance.witness.WitnessServer;
import io.flowmesh.reference.backend.hub.ModelStore;
import io.flowmesh.reference.backend.hub.RemoteHub;
import io.flowmesh.reference.backend.vllm.EngineLoadException;
import io.flowmesh.reference.backend.vllm.VllmBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPU vLLM reads a hub cache; through the kit's hub, what it is to load is fetched into that cache first. */
class HubFetchedVllmTest {

    private static final String MODEL = "acme/tiny-lm";

    @TempDir
    Path served;
    @TempDir
    Path cache;

    private WitnessServer server;
    private ModelStore store;
    private final List<String> seenAtLoad = new ArrayList<>();

    /** Stands for the bridge's vLLM: notes which snapshots its hub cache holds when asked to load. */
    private final VllmBackend reader = kwargs -> {
        try (var snapshots = Files.list(cache.resolve("models--acme--tiny-lm/snapshots"))) {
            snapshots.map(p -> p.getFileName().toString()).sorted().forEach(seenAtLoad::add);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return null;
    };

    @BeforeEach
    void serve() {
        HubCacheWriter writer = HubCacheWriter.at(served);
        for (String ref : List.of("main", "v2")) {
            writer.tinyModel(MODEL, HubCacheWriter.commitOf(MODEL, ref)).ref(MODEL, ref, HubCacheWriter.commitOf(MODEL, ref));
        }
        server = WitnessServer.start();
        store = ModelStore.throughHub(RemoteHub.at(server.open(served).hubEndpoint()), cache);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theModelAndATokenizerAtAnotherRevisionAreInTheCacheBeforeTheLoad() throws Exception {
        new HubFetchedVllm(store, reader).load(Map.of("model", MODEL, "revision", "v2", "tokenizer_revision", "main"));

        assertThat(seenAtLoad).containsExactlyInAnyOrder(HubCacheWriter.commitOf(MODEL, "main"),
                HubCacheWriter.commitOf(MODEL, "v2"));
    }

    @Test
    void aRevisionTheHubDoesNotKnowIsRefusedNamingTheKwargAndNothingIsLoaded() {
        assertThatThrownBy(() -> new HubFetchedVllm(store, reader).load(Map.of("model", MODEL, "tokenizer_revision", "v9")))
                .isInstanceOf(EngineLoadException.class)
                .hasMessageContaining("cannot resolve model 'acme/tiny-lm' at revision 'v9': unknown revision; known refs: main, v2")
                .satisfies(e -> assertThat(((EngineLoadException) e).kwarg()).contains("tokenizer_revision"));
        assertThat(seenAtLoad).isEmpty();
    }
}
