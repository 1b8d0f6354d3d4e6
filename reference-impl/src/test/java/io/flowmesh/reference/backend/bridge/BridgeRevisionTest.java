package io.flowmesh.reference.backend.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vllm.load} without vLLM: the revision resolves through the hub cache layout in Python. */
class BridgeRevisionTest {

    @Test
    void loadsTheRevisionAskedForAndDefaultsTheTokenizerRevisionToIt(@TempDir Path cache) {
        GpuPrerequisites.assumePython();
        try (PythonBridge bridge = PythonBridge.start(BridgeLaunch.defaults().withPython(GpuPrerequisites.python()))) {
            Map<String, Object> model = bridge.call("tiny_model.generate",
                    Map.of("hub_cache", cache.toString(), "weights", "none"));
            @SuppressWarnings("unchecked")
            Map<String, Object> revisions = (Map<String, Object>) model.get("revisions");

            Map<String, Object> v1 = bridge.call("vllm.load", load(cache, "v1"));
            assertThat(v1).as("vllm.load v1").containsEntry("engine", "cache")
                    .containsEntry("commit", revisions.get("v1")).containsEntry("config_marker", "v1")
                    .containsEntry("tokenizer_revision", "v1");

            Map<String, Object> main = bridge.call("vllm.load", load(cache, "main"));
            assertThat(main).as("vllm.load main").containsEntry("commit", revisions.get("main"))
                    .containsEntry("config_marker", "v2").containsEntry("tokenizer_revision", "main");

            BridgeException missing = catchThrowableOfType(BridgeException.class,
                    () -> bridge.call("vllm.load", load(cache, "v9")));
            assertThat(missing.kind()).isEqualTo("not_found");
            assertThat(missing.getMessage()).contains("v9");
        }
    }

    private static Map<String, Object> load(Path cache, String revision) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("engine", "cache");
        params.put("hub_cache", cache.toString());
        params.put("identifier", "flowmesh/tiny-llm");
        params.put("revision", revision);
        return params;
    }
}
