package io.flowmesh.reference.backend.bridge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to start the bridge process.
 *
 * @param python the Python executable, e.g. {@code python3}
 * @param pythonPath the folder holding the {@code flowmesh_bridge} package
 * @param replyTimeout how long one request may take before the bridge counts as dead
 * @param environment extra environment variables for the process (sorted for reproducible launches)
 */
public record BridgeLaunch(String python, Path pythonPath, Duration replyTimeout, Map<String, String> environment) {

    /** System property naming the Python executable; {@code python3} when unset. */
    public static final String PYTHON_PROPERTY = "flowmesh.python";

    public BridgeLaunch {
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(pythonPath, "pythonPath");
        if (replyTimeout.isNegative() || replyTimeout.isZero()) {
            throw new IllegalArgumentException("replyTimeout must be positive");
        }
        environment = Map.copyOf(new TreeMap<>(environment));
    }

    /** {@code -Dflowmesh.python} or {@code python3}, the located sources, 10 minutes per reply. */
    public static BridgeLaunch defaults() {
        return new BridgeLaunch(System.getProperty(PYTHON_PROPERTY, "python3"), BridgeSources.locate(),
                Duration.ofMinutes(10), Map.of());
    }

    /** This launch with another Python executable. */
    public BridgeLaunch withPython(String executable) {
        return new BridgeLaunch(executable, pythonPath, replyTimeout, environment);
    }

    /** This launch with another package folder. */
    public BridgeLaunch withPythonPath(Path folder) {
        return new BridgeLaunch(python, folder, replyTimeout, environment);
    }
}
