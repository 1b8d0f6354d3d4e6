package io.flowmesh.reference.backend.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.flowmesh.reference.backend.ppo.UpdateMetrics;
import io.flowmesh.reference.execute.ppo.EarlyStop;
import io.flowmesh.reference.execute.ppo.EarlyStopController;
import io.flowmesh.reference.execute.ppo.EarlyStopSettings;

/**
 * The device check has no JVM, so it carries a Python port of the early-stop rule
 * ({@code flowmesh_bridge.stop_rule}); this pins the port to FlowMesh's Java {@link EarlyStopController}
 * on the same KL series, and both to the hand-computed stop.
 */
class PythonStopRuleParityTest {

    static List<Arguments> series() {
        return List.of(
                Arguments.of(0.5, List.of(0.0, 0.5, -1.0, 0.6), 3),
                Arguments.of(0.5, List.of(0.0, 0.49, 0.5, 0.5), -1),
                Arguments.of(0.1, List.of(-0.2, 0.3, 0.05), 1),
                Arguments.of(1.0e-9, List.of(0.0, -0.0, 1.0e-9, 1.0000000000000002e-9), 3),
                Arguments.of(2.0, List.of(2.0000000000000004), 0),
                Arguments.of(0.05, List.of(0.0, -0.03, 0.01, 0.049999999999999996, 0.07, 0.2), 4));
    }

    @ParameterizedTest(name = "target {0}, kl {1} -> {2}")
    @MethodSource("series")
    void thePythonPortStopsWhereTheJavaControllerDoes(double target, List<Double> kl, int expected)
            throws IOException, InterruptedException {
        GpuPrerequisites.assumePython();
        int java = javaStop(target, kl);
        assertThat(java).as("Java controller, hand-computed stop").isEqualTo(expected);
        assertThat(pythonStop(target, kl)).as("Python port on the same series").isEqualTo(java);
    }

    private static int javaStop(double target, List<Double> kl) {
        EarlyStopController controller = new EarlyStopController(EarlyStopSettings.armed(target));
        for (int i = 0; i < kl.size(); i++) {
            Optional<EarlyStop> stop = controller.observe(new UpdateMetrics(i, kl.get(i), 0, 0, 0, 0));
            if (stop.isPresent()) {
                return stop.get().update();
            }
        }
        return -1;
    }

    private static int pythonStop(double target, List<Double> kl) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(GpuPrerequisites.python(), "-m", "flowmesh_bridge.stop_rule",
                Double.toString(target)));
        // Double.toString round-trips: Python's float() reads back the same double.
        kl.forEach(v -> command.add(Double.toString(v)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", BridgeSources.locate().toString());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        String output = GpuPrerequisites.text(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("stop_rule exit; output: %s", output).isZero();
        return output.equals("none") ? -1 : Integer.parseInt(output);
    }
}
