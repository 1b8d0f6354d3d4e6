package io.flowmesh.conformance.contract;

import static io.flowmesh.conformance.contract.Scenarios.map;

import java.util.List;

/**
 * vLLM's {@code tensor_parallel_size} is capped by the GPUs the task asked for: the engine gets
 * {@code min(asked, resources.hardware.gpu.count)}, so a template cannot ask for more shards than it
 * has devices.
 *
 * <p>The oracle: the kit wrote both numbers.
 */
final class VllmTensorParallel extends Contract {

    VllmTensorParallel() {
        super("vllm-tensor-parallel", List.of(), "inference");
    }

    @Override
    void check(Bench bench, CaseLog log) {
        log.expectValue("capped-by-gpu-count", "asking for 8 shards on 4 GPUs gives tensor_parallel_size 4",
                bench.run(Scenarios.vllm(KitModels.BRANCH, map("tensor_parallel_size", 8L), 4)), "vllm.engine",
                "tensor_parallel_size", 4L);
        log.expectValue("kept-within-gpu-count", "asking for 2 shards on 4 GPUs gives tensor_parallel_size 2",
                bench.run(Scenarios.vllm(KitModels.BRANCH, map("tensor_parallel_size", 2L), 4)), "vllm.engine",
                "tensor_parallel_size", 2L);
    }
}
