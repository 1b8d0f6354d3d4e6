package io.flowmesh.reference.backend.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge's launch environment: hub settings, cuBLAS and the request guard are there from the start. */
class BridgeEnvironmentTest {

    private static BridgeLaunch launch(Path cache) {
        return new BridgeLaunch("python3", Path.of("/opt/bridge"), Duration.ofSeconds(120), Optional.empty(),
                Map.of()).withHubCache(cache);
    }

    @Nested
    class Variables {

        @Test
        void aLaunchWithAModelStoreIsOfflineOnIt(@TempDir Path store) {
            Map<String, String> env = BridgeEnvironment.variables(launch(store), Map.of("PYTHONPATH", "/site"));
            assertThat(env).containsEntry("HF_HUB_OFFLINE", "1").containsEntry("TRANSFORMERS_OFFLINE", "1")
                    .containsEntry("HF_HUB_CACHE", store.toAbsolutePath().toString())
                    .containsEntry("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
                    .containsEntry("FLOWMESH_BRIDGE_REQUEST_TIMEOUT_S", "115")
                    .containsEntry("PYTHONPATH", "/opt/bridge:/site");
        }

        @Test
        void withoutAModelStoreThereIsNoHubCacheButStillNoNetwork() {
            BridgeLaunch plain = new BridgeLaunch("python3", Path.of("/opt/bridge"), Duration.ofSeconds(3),
                    Optional.empty(), Map.of());
            Map<String, String> env = BridgeEnvironment.variables(plain, Map.of());
            assertThat(env).doesNotContainKey("HF_HUB_CACHE").containsEntry("HF_HUB_OFFLINE", "1")
                    .containsEntry("FLOWMESH_BRIDGE_REQUEST_TIMEOUT_S", "1").containsEntry("PYTHONPATH", "/opt/bridge");
        }

        @Test
        void theLaunchsOwnEntriesComeLast(@TempDir Path store) {
            BridgeLaunch launch = new BridgeLaunch("python3", Path.of("/opt/bridge"), Duration.ofSeconds(120),
                    Optional.of(store), Map.of("HF_ENDPOINT", "http://127.0.0.1:1", "HF_HUB_OFFLINE", "0"));
            assertThat(BridgeEnvironment.variables(launch, Map.of())).containsEntry("HF_ENDPOINT", "http://127.0.0.1:1")
                    .containsEntry("HF_HUB_OFFLINE", "0");
        }
    }

    @Nested
    class InTheProcess {

        @Test
        void theBridgeSawTheHubSettingsWhenItWasImported(@TempDir Path store) {
            GpuPrerequisites.assumePython();
            try (PythonBridge bridge = PythonBridge.start(GpuPrerequisites.launch(GpuPrerequisites.python())
                    .withHubCache(store))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> atImport = (Map<String, Object>) bridge.hello().get("environment");
                assertThat(atImport).as("os.environ when flowmesh_bridge was imported")
                        .containsEntry("HF_HUB_OFFLINE", "1").containsEntry("TRANSFORMERS_OFFLINE", "1")
                        .containsEntry("HF_HUB_CACHE", store.toAbsolutePath().toString())
                        .containsEntry("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
                        .containsEntry("FLOWMESH_BRIDGE_REQUEST_TIMEOUT_S", "115");
            }
        }
    }
}
