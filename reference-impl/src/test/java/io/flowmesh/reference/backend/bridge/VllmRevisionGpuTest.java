package io.flowmesh.reference.backend.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vLLM loads a generated two-revision tiny model at the revision asked for. The evidence is what vLLM
 * itself loaded ({@code loaded}: the snapshot commit transformers recorded for the config vLLM read, and
 * that config's per-revision marker), checked against the commits the generator wrote, never the
 * revision the request echoed.
 */
@Tag("gpu")
class VllmRevisionGpuTest {

    @Test
    void vllmLoadsTheRevisionAskedFor(@TempDir Path cache) {
        GpuPrerequisites.requireGpu("transformers", "vllm");
        Map<String, Object> revisions;
        try (PythonBridge bridge = start(cache)) {
            Map<String, Object> model = bridge.call("tiny_model.generate",
                    Map.of("hub_cache", cache.toString(), "weights", "torch"));
            assertThat(model).as("generated model").containsEntry("weights", true);
            @SuppressWarnings("unchecked")
            Map<String, Object> generated = (Map<String, Object>) model.get("revisions");
            revisions = generated;
        }
        assertThat(revisions.get("v1")).as("two different commits").isNotEqualTo(revisions.get("main"));
        // One process per engine: each vLLM instance owns its GPU memory until its process ends.
        for (String[] expected : new String[][] {{"v1", "v1"}, {"main", "v2"}}) {
            try (PythonBridge bridge = start(cache)) {
                Map<String, Object> reply = bridge.call("vllm.load", load(cache, expected[0]));
                assertThat(reply).as("vllm.load %s", expected[0]).containsEntry("engine", "vllm");
                @SuppressWarnings("unchecked")
                Map<String, Object> loaded = (Map<String, Object>) reply.get("loaded");
                assertThat(loaded).as("what vLLM loaded at %s", expected[0])
                        .containsEntry("commit", revisions.get(expected[0]))
                        .containsEntry("config_marker", expected[1])
                        .containsEntry("tokenizer_revision", expected[0]);
                assertThat(((Number) loaded.get("generated_tokens")).intValue()).as("tokens generated").isPositive();
            }
        }
    }

    /** The bridge launched offline on the generated cache, as the reference launches it on its model store. */
    private static PythonBridge start(Path cache) {
        return PythonBridge.start(BridgeLaunch.defaults().withPython(GpuPrerequisites.python()).withHubCache(cache));
    }

    private static Map<String, Object> load(Path cache, String revision) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("engine", "vllm");
        params.put("hub_cache", cache.toString());
        params.put("identifier", "flowmesh/tiny-llm");
        params.put("revision", revision);
        return params;
    }
}
