package io.flowmesh.conformance.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The GPU a results bundle records when GPU tests ran: model and driver as {@code nvidia-smi} reports
 * them, or why they are unknown.
 *
 * @param gpu {@code model} and {@code driver}, when {@code nvidia-smi} answered
 * @param note where the facts come from, or why there are none
 */
record GpuFacts(Optional<Map<String, String>> gpu, String note) {

    /**
     * The facts in what {@code nvidia-smi --query-gpu=name,driver_version --format=csv,noheader} printed:
     * one {@code model, driver} line per GPU, of which the first is kept.
     */
    static GpuFacts answered(int exit, String output, String command) {
        String first = output.strip().lines().findFirst().orElse("");
        int comma = first.lastIndexOf(',');
        if (exit != 0 || comma < 0) {
            return new GpuFacts(Optional.empty(), "GPU tests ran, but nvidia-smi failed (exit " + exit + "): " + first);
        }
        Map<String, String> gpu = new LinkedHashMap<>();
        gpu.put("model", first.substring(0, comma).strip());
        gpu.put("driver", first.substring(comma + 1).strip());
        return new GpuFacts(Optional.of(gpu), "from " + command + " (the first GPU)");
    }

    /** Asks {@code nvidia-smi} for the first GPU's model and driver, waiting at most ten seconds. */
    static GpuFacts probe() {
        List<String> command = List.of("nvidia-smi", "--query-gpu=name,driver_version", "--format=csv,noheader");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new GpuFacts(Optional.empty(), "GPU tests ran, but nvidia-smi did not answer within 10 s");
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return answered(process.exitValue(), out, String.join(" ", command));
        } catch (IOException e) {
            return new GpuFacts(Optional.empty(), "GPU tests ran, but nvidia-smi cannot be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GpuFacts(Optional.empty(), "GPU tests ran, but asking nvidia-smi was interrupted");
        }
    }
}
