package io.flowmesh.reference.backend.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flowmesh.reference.backend.hub.ModelStore;
import io.flowmesh.reference.backend.vllm.EngineLoadException;
import io.flowmesh.reference.backend.vllm.EngineRequestException;
import io.flowmesh.reference.backend.vllm.VllmEngine;

/**
 * The bridge vLLM backend behind the same interface as the CPU one, on the {@code cache} engine (no
 * vLLM needed): commits resolved in Python, load errors naming their kwarg as data.
 */
class BridgeVllmBackendTest {

    private static PythonBridge bridge;
    private static Map<String, Object> revisions;
    private static BridgeVllmBackend backend;

    @TempDir
    static Path cache;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void startBridge() {
        GpuPrerequisites.assumePython();
        bridge = PythonBridge.start(BridgeLaunch.defaults().withPython(GpuPrerequisites.python()));
        revisions = (Map<String, Object>) bridge.call("tiny_model.generate",
                Map.of("hub_cache", cache.toString(), "weights", "none")).get("revisions");
        backend = new BridgeVllmBackend(bridge, ModelStore.at(cache), "cache");
    }

    @AfterAll
    static void stopBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void theCommitsOfModelAndTokenizerAreWhatPythonLoaded() throws EngineLoadException {
        VllmEngine pinned = backend.load(Map.of("model", "flowmesh/tiny-llm", "revision", "v1",
                "tokenizer_revision", "main"));

        assertThat(pinned.commit()).as("model commit at v1").isEqualTo(revisions.get("v1"));
        assertThat(pinned.tokenizerCommit()).as("tokenizer commit at main").isEqualTo(revisions.get("main"));
        assertThat(pinned.facts()).as("facts, no local paths or process ids")
                .doesNotContainKeys("snapshot_dir", "engine_id", "reused");
    }

    @Test
    void aRevisionThatDoesNotResolveNamesItsKwarg() {
        for (Map.Entry<Map<String, Object>, String> load : Map.of(
                Map.<String, Object>of("model", "flowmesh/nope"), "model",
                Map.<String, Object>of("model", "flowmesh/tiny-llm", "revision", "v9"), "revision",
                Map.<String, Object>of("model", "flowmesh/tiny-llm", "tokenizer_revision", "v9"), "tokenizer_revision")
                .entrySet()) {
            EngineLoadException e = catchThrowableOfType(EngineLoadException.class, () -> backend.load(load.getKey()));
            assertThat(e).as("load %s", load.getKey()).isNotNull();
            assertThat(e.unresolved()).as("unresolved, %s", load.getKey()).isTrue();
            assertThat(e.kwarg()).as("kwarg of %s", load.getKey()).contains(load.getValue());
        }
    }

    @Test
    void generationWithoutAnEngineIsRefusedAsAMissingModule() throws EngineLoadException {
        VllmEngine resolvedOnly = backend.load(Map.of("model", "flowmesh/tiny-llm"));

        EngineRequestException e = catchThrowableOfType(EngineRequestException.class,
                () -> resolvedOnly.generate(List.of("the movie was"), Map.of()));

        assertThat(e.getMessage()).contains("module_missing").contains("vllm");
    }
}
