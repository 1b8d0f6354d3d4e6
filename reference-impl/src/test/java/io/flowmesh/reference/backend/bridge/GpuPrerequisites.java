package io.flowmesh.reference.backend.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    private static Boolean python;

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
