package io.flowmesh.reference.backend.bridge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How to start the bridge process.
 *
 * @param python the Python executable, e.g. {@code python3}
 * @param pythonPath the folder holding the {@code flowmesh_bridge} package
 * @param replyTimeout how long one request may take before the bridge counts as dead
 * @param hubCache the model store (a Hugging Face hub cache) the engines resolve models in, offline;
 *     empty when the launch serves none
 * @param environment extra environment variables for the process, applied after
 *     {@link BridgeEnvironment}'s (sorted for reproducible launches)
 */
public record BridgeLaunch(String python, Path pythonPath, Duration replyTimeout, Optional<Path> hubCache,
        Map<String, String> environment) {

    /** System property naming the Python executable; {@code python3} when unset. */
    public static final String PYTHON_PROPERTY = "flowmesh.python";

    public BridgeLaunch {
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(pythonPath, "pythonPath");
        Objects.requireNonNull(hubCache, "hubCache");
        if (replyTimeout.isNegative() || replyTimeout.isZero()) {
            throw new IllegalArgumentException("replyTimeout must be positive");
        }
        environment = Map.copyOf(new TreeMap<>(environment));
    }

    /** {@code -Dflowmesh.python} or {@code python3}, the located sources, 10 minutes per reply. */
    public static BridgeLaunch defaults() {
        return new BridgeLaunch(System.getProperty(PYTHON_PROPERTY, "python3"), BridgeSources.locate(),
                Duration.ofMinutes(10), Optional.empty(), Map.of());
    }

    /** This launch with another Python executable. */
    public BridgeLaunch withPython(String executable) {
        return new BridgeLaunch(executable, pythonPath, replyTimeout, hubCache, environment);
    }

    /** This launch with another package folder. */
    public BridgeLaunch withPythonPath(Path folder) {
        return new BridgeLaunch(python, folder, replyTimeout, hubCache, environment);
    }

    /** This launch serving the model store at {@code cache} as its offline hub cache. */
    public BridgeLaunch withHubCache(Path cache) {
        return new BridgeLaunch(python, pythonPath, replyTimeout, Optional.of(cache.toAbsolutePath()), environment);
    }

    /** This launch with another reply timeout (the bridge's own request guard follows it). */
    public BridgeLaunch withReplyTimeout(Duration timeout) {
        return new BridgeLaunch(python, pythonPath, timeout, hubCache, environment);
    }
}
