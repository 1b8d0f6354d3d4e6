package io.flowmesh.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class GpuFactsTest {

    @Test
    void keepsTheFirstGpusModelAndDriver() {
        GpuFacts facts = GpuFacts.answered(0, "NVIDIA H200, 550.54.15\nNVIDIA H200, 550.54.15\n", "nvidia-smi");

        assertThat(facts.gpu()).contains(Map.of("model", "NVIDIA H200", "driver", "550.54.15"));
        assertThat(facts.note()).isEqualTo("from nvidia-smi (the first GPU)");
    }

    @Test
    void aFailedAnswerRecordsNoGpuAndSaysWhy() {
        GpuFacts facts = GpuFacts.answered(9, "NVIDIA-SMI has failed because it couldn't communicate with the driver\n",
                "nvidia-smi");

        assertThat(facts.gpu()).isEmpty();
        assertThat(facts.note()).isEqualTo("GPU tests ran, but nvidia-smi failed (exit 9): NVIDIA-SMI has failed because it"
                + " couldn't communicate with the driver");
    }
}
