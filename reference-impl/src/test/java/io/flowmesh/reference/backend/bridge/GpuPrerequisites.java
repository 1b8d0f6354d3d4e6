package io.flowmesh.reference.backend.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.flowmesh.conformance.suite.GpuPrerequisite;
import org.junit.jupiter.api.Assumptions;

/**
 * Probes what the Python and GPU tests need, in one place. A missing prerequisite skips the test with
 * a message naming it; with {@code -Dconformance.gpu.required=true} (GPU runners) a missing GPU
 * prerequisite fails the test instead, so a misconfigured runner cannot pass by skipping everything.
 */
public final class GpuPrerequisites {

    /** System property that turns missing GPU prerequisites into failures. */
    public static final String REQUIRED_PROPERTY = GpuPrerequisite.REQUIRED;

    /** Debian's {@code python3-torch} serves the system interpreter, which may not be first on PATH. */
    private static final String SYSTEM_PYTHON = "/usr/bin/python3";

    private static Boolean python;
    private static Optional<String> torchPython;

    private GpuPrerequisites() {
    }

    /** Python executable the tests use: {@code -Dflowmesh.python} or {@code python3}. */
    public static String python() {
        return System.getProperty(BridgeLaunch.PYTHON_PROPERTY, "python3");
    }

    /** Whether the Python executable runs at all. */
    public static synchronized boolean pythonAvailable() {
        if (python == null) {
            python = succeeds(List.of(python(), "--version"));
        }
        return python;
    }

    /** Skips a default-build test when Python itself is absent (never fails: the default build needs no Python). */
    public static void assumePython() {
        Assumptions.assumeTrue(pythonAvailable(), () -> "prerequisite missing: " + python()
                + " (the bridge tests run the pure-Python engine and need only a Python 3 interpreter)");
    }

    /**
     * A Python that imports torch, for the torch-on-CPU tests of the default build: {@code -Dflowmesh.python}
     * when set, else {@code python3}, else {@value #SYSTEM_PYTHON} (where Debian's {@code python3-torch}
     * installs torch).
     */
    public static synchronized Optional<String> torchPython() {
        if (torchPython == null) {
            List<String> candidates = System.getProperty(BridgeLaunch.PYTHON_PROPERTY) != null ? List.of(python())
                    : List.of("python3", SYSTEM_PYTHON);
            torchPython = candidates.stream().filter(p -> succeeds(List.of(p, "-c", "import torch"))).findFirst();
        }
        return torchPython;
    }

    /** Skips a default-build test when no Python imports torch; returns that Python otherwise. */
    public static String assumeTorch() {
        Optional<String> found = torchPython();
        Assumptions.assumeTrue(found.isPresent(), () -> "prerequisite missing: torch (not importable by "
                + (System.getProperty(BridgeLaunch.PYTHON_PROPERTY) != null ? python() : "python3 or " + SYSTEM_PYTHON)
                + "; apt-get install python3-torch, which .ci/run does when it can)");
        return found.orElseThrow();
    }

    /**
     * A launch of the bridge for tests: the given Python and a two-minute reply timeout, so a stalled
     * engine fails its test instead of holding the build for the production timeout.
     */
    public static BridgeLaunch launch(String executable) {
        return BridgeLaunch.defaults().withPython(executable).withReplyTimeout(Duration.ofMinutes(2));
    }

    /**
     * Checks, in order, nvidia-smi, Python, torch, {@code torch.cuda.is_available()} and then each extra
     * module (e.g. {@code vllm}); the first missing one skips or, when required, fails the test.
     */
    public static void requireGpu(String... extraModules) {
        if (!succeeds(List.of("nvidia-smi", "-L"))) {
            unmet("nvidia-smi (no NVIDIA driver or GPU visible)");
        }
        if (!pythonAvailable()) {
            unmet(python() + " (no Python interpreter)");
        }
        requireModule("torch");
        if (!succeeds(List.of(python(), "-c", "import sys, torch; sys.exit(0 if torch.cuda.is_available() else 1)"))) {
            unmet("torch.cuda.is_available() is false");
        }
        for (String module : extraModules) {
            requireModule(module);
        }
    }

    private static void requireModule(String module) {
        if (!succeeds(List.of(python(), "-c", "import " + module))) {
            unmet("Python module " + module + " (not importable by " + python() + ")");
        }
    }

    /** Worded, printed and judged as the kit's GPU suite does it, so both read the same on a runner. */
    private static void unmet(String what) {
        GpuPrerequisite.unmet(what);
    }

    private static boolean succeeds(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (InputStream out = process.getInputStream()) {
                out.readAllBytes();
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Decodes a process's output for assertion messages. */
    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
