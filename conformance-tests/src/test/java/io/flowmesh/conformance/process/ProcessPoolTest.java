package io.flowmesh.conformance.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessPoolTest {

    private static final ProcessLimits LIMITS = new ProcessLimits(Duration.ofSeconds(15), 65_536, 4096, 1,
            Duration.ofMillis(500));

    @TempDir
    Path state;

    private List<String> command(String mode) {
        return List.of("sh", ProcessImplementationTest.script(), mode, state.toString());
    }

    private static RunResult run(ProcessPool pool) {
        return pool.run("kind: Task\n", RunOptions.defaults());
    }

    @Test
    void twoRequestsAtOnceRunInTwoProcessesAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (ProcessPool pool = new ProcessPool(command("pair"), LIMITS, 2)) {
            Future<RunResult> a = threads.submit(() -> run(pool));
            Future<RunResult> b = threads.submit(() -> run(pool));

            assertThat(a.get()).as("the first request, answered only while another process ran one")
                    .isInstanceOf(RunResult.Completed.class);
            assertThat(b.get()).isInstanceOf(RunResult.Completed.class);
            assertThat(pool.processes()).isEqualTo(2);
            assertThat(Files.readAllLines(state.resolve("pids"))).hasSize(2).doesNotHaveDuplicates();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void oneRequestAtATimeKeepsToTheFirstProcess() {
        try (ProcessPool pool = new ProcessPool(command("ok"), LIMITS, 4)) {
            for (int i = 0; i < 5; i++) {
                assertThat(run(pool)).isInstanceOf(RunResult.Completed.class);
            }

            assertThat(pool.processes()).isEqualTo(1);
            assertThat(pool.name()).isEqualTo("faulty");
        }
    }

    @Test
    void declaresConcurrentCallsWhateverTheProcessDeclares() {
        try (ProcessPool pool = new ProcessPool(command("ok"), LIMITS, 2)) {
            assertThat(pool.capabilities().concurrent()).isTrue();
            assertThat(pool.capabilities().taskTypes()).containsExactly("echo");
        }
    }

    @Test
    void aClosedPoolRefusesRequestsItHasNoProcessFor() {
        ProcessPool pool = new ProcessPool(command("ok"), LIMITS, 1);
        pool.close();

        assertThatThrownBy(() -> run(pool)).isInstanceOf(ProtocolException.class).hasMessageContaining("closed");
    }

    @Test
    void hasAtLeastOneProcess() {
        assertThatThrownBy(() -> new ProcessPool(command("ok"), LIMITS, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
