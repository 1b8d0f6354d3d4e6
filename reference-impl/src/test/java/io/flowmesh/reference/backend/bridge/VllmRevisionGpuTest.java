package io.flowmesh.reference.backend.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vLLM loads a generated two-revision tiny model at the revision asked for: the commit, the config it
 * actually loaded and the tokenizer revision (defaulting to the revision) all prove it.
 */
@Tag("gpu")
class VllmRevisionGpuTest {

    @Test
    void vllmLoadsTheRevisionAskedFor(@TempDir Path cache) {
        GpuPrerequisites.requireGpu("transformers", "vllm");
        Map<String, Object> revisions;
        try (PythonBridge bridge = start()) {
            Map<String, Object> model = bridge.call("tiny_model.generate",
                    Map.of("hub_cache", cache.toString(), "weights", "torch"));
            assertThat(model).as("generated model").containsEntry("weights", true);
            @SuppressWarnings("unchecked")
            Map<String, Object> generated = (Map<String, Object>) model.get("revisions");
            revisions = generated;
        }
        // One process per engine: each vLLM instance owns its GPU memory until its process ends.
        for (String[] expected : new String[][] {{"v1", "v1"}, {"main", "v2"}}) {
            try (PythonBridge bridge = start()) {
                Map<String, Object> loaded = bridge.call("vllm.load", load(cache, expected[0]));
                assertThat(loaded).as("vllm.load %s", expected[0])
                        .containsEntry("engine", "vllm")
                        .containsEntry("revision", expected[0])
                        .containsEntry("commit", revisions.get(expected[0]))
                        .containsEntry("config_marker", expected[1])
                        .containsEntry("tokenizer_revision", expected[0]);
                assertThat(((Number) loaded.get("generated_tokens")).intValue()).as("tokens generated").isPositive();
            }
        }
    }

    private static PythonBridge start() {
        return PythonBridge.start(BridgeLaunch.defaults().withPython(GpuPrerequisites.python()));
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
