package io.flowmesh.reference.backend.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonBridgeTest {

    private static BridgeLaunch launch() {
        return BridgeLaunch.defaults().withPython(GpuPrerequisites.python());
    }

    @Test
    void answersHelloAndKeepsServingAfterAnErrorReply() {
        GpuPrerequisites.assumePython();
        try (PythonBridge bridge = PythonBridge.start(launch())) {
            assertThat(bridge.hello()).as("hello").containsEntry("protocol", 1).containsKey("modules");

            BridgeException unknown = catchThrowableOfType(BridgeException.class,
                    () -> bridge.call("no.such.method", Map.of()));
            assertThat(unknown.kind()).isEqualTo("unknown_method");
            assertThat(unknown.getMessage()).contains("no.such.method");

            BridgeException invalid = catchThrowableOfType(BridgeException.class,
                    () -> bridge.call("ppo.update", Map.of("session", "ppo-404")));
            assertThat(invalid.kind()).isEqualTo("invalid_request");

            assertThat(bridge.call("bridge.hello", Map.of())).as("a later request").containsEntry("protocol", 1);
        }
    }

    @Test
    void aMissingPythonIsOneClearError() {
        BridgeException e = catchThrowableOfType(BridgeException.class,
                () -> PythonBridge.start(launch().withPython("/nonexistent/flowmesh-python3")));
        assertThat(e.kind()).isEqualTo(BridgeException.PYTHON_MISSING);
        assertThat(e.getMessage()).contains("/nonexistent/flowmesh-python3").doesNotContain("\n");
    }

    @Test
    void aMissingBridgeModuleIsOneClearError(@TempDir Path empty) {
        GpuPrerequisites.assumePython();
        BridgeException e = catchThrowableOfType(BridgeException.class,
                () -> PythonBridge.start(launch().withPythonPath(empty)));
        assertThat(e.kind()).isEqualTo(BridgeException.MODULE_MISSING);
        assertThat(e.getMessage()).contains("No module named").contains("flowmesh_bridge");
    }

    @Test
    void sourcesAreFoundFromTheClasspathOrTheSourceTree() {
        assertThat(BridgeSources.locate().resolve("flowmesh_bridge/__main__.py")).isRegularFile();
    }
}
