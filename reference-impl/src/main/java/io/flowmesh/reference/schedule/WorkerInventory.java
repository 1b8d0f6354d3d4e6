package io.flowmesh.reference.schedule;

import java.util.List;
import java.util.Optional;

/**
 * The workers a scheduler may place tasks on, smallest first: a task goes to the first worker it fits,
 * so the same request always lands on the same worker.
 *
 * @param workers the workers, in order of preference
 */
public record WorkerInventory(List<Worker> workers) {

    private static final long GI = 1L << 30;

    public WorkerInventory {
        workers = List.copyOf(workers);
    }

    /** The reference fabric: CPU nodes and L4, A100 and H100 GPU nodes. */
    public static WorkerInventory standard() {
        return new WorkerInventory(List.of(
                new Worker("cpu-small", 8_000, 32 * GI, null, 0, 0),
                new Worker("cpu-large", 64_000, 256 * GI, null, 0, 0),
                new Worker("gpu-l4", 16_000, 64 * GI, "L4", 1, 24 * GI),
                new Worker("gpu-a100", 32_000, 256 * GI, "A100", 4, 80 * GI),
                new Worker("gpu-h100", 64_000, 512 * GI, "H100", 8, 80 * GI)));
    }

    /** The first worker the request fits. */
    public Optional<Worker> match(ResourceRequest request) {
        return workers.stream().filter(request::fits).findFirst();
    }
}
