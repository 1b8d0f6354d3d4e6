package io.flowmesh.reference.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.flowmesh.reference.parse.Gpu;
import io.flowmesh.reference.parse.Hardware;
import io.flowmesh.reference.parse.Metadata;
import io.flowmesh.reference.parse.Resources;
import io.flowmesh.reference.parse.Shard;
import io.flowmesh.reference.parse.Stage;
import io.flowmesh.reference.parse.TaskSpec;
import io.flowmesh.reference.parse.TemplateProblem;
import io.flowmesh.reference.parse.Workflow;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private final Scheduler scheduler = new Scheduler(WorkerInventory.standard());

    @Test
    void aSingleTaskGoesToTheSmallestWorkerItFits() throws TemplateProblem {
        List<ScheduledTask> tasks = scheduler.plan(workflow(task("inference", hardware("16", "64Gi", "any", 1))));
        assertThat(tasks).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo("task");
            assertThat(t.worker().name()).as("16 cores, 64Gi and one GPU of any type").isEqualTo("gpu-l4");
        });
    }

    @Test
    void aGpuModelNarrowsTheWorkers() throws TemplateProblem {
        assertThat(scheduler.plan(workflow(task("inference", hardware("8", "32Gi", "H100", 2)))).get(0).worker().name())
                .isEqualTo("gpu-h100");
    }

    @Test
    void aRequestNoWorkerFitsIsRefusedWithItsPointer() {
        assertThatThrownBy(() -> scheduler.plan(workflow(task("inference", hardware("8", "32Gi", "any", 16)))))
                .isInstanceOfSatisfying(TemplateProblem.class, p -> {
                    assertThat(p.code()).isEqualTo("schedule.no-worker");
                    assertThat(p.pointer()).isEqualTo("/spec/resources/hardware");
                    assertThat(p.getMessage()).contains("no worker can run task 'task'");
                });
    }

    @Test
    void stagesRunInDependencyOrderWithDeclarationOrderBreakingTies() throws TemplateProblem {
        TaskSpec envelope = multi(List.of(
                new Stage("report", List.of("left", "right"), task("echo", null)),
                new Stage("right", List.of("source"), task("echo", null)),
                new Stage("left", List.of("source"), task("echo", null)),
                new Stage("source", List.of(), task("echo", null))));
        List<ScheduledTask> tasks = scheduler.plan(workflow(envelope));
        assertThat(tasks).extracting(ScheduledTask::id).containsExactly("source", "right", "left", "report");
        assertThat(tasks.get(3).dependsOn()).containsExactly("left", "right");
    }

    @Test
    void aStageRunsOnWhatItsMergedSpecAsks() throws TemplateProblem {
        TaskSpec envelope = multi(List.of(new Stage("only", List.of(), task("echo", hardware("8", "32Gi", "A100", 1)))));
        assertThat(scheduler.plan(workflow(envelope)).get(0).worker().name()).isEqualTo("gpu-a100");
    }

    @Test
    void aGpuTypeMatchesAsACaseInsensitiveSubstringAndWildcardsMatchAny() throws TemplateProblem {
        assertThat(scheduler.plan(workflow(task("echo", hardware("8", "32Gi", "a10", 1)))).get(0).worker().name())
                .isEqualTo("gpu-a100");
        assertThat(scheduler.plan(workflow(task("echo", hardware("8", "32Gi", "auto", 1)))).get(0).worker().name())
                .isEqualTo("gpu-l4");
        assertThat(scheduler.plan(workflow(task("echo", hardware("8", "32Gi", "*", 1)))).get(0).worker().name())
                .isEqualTo("gpu-l4");
    }

    @Test
    void theEstimatedLoadIsPartOfTheRequest() throws TemplateProblem {
        TaskSpec loaded = new TaskSpec("echo", null, null, new Resources(null, 7), null, Map.of(), Map.of(), null, null,
                null, null, List.of(), List.of());
        assertThat(scheduler.plan(workflow(loaded)).get(0).request().asEffect()).containsEntry("load", 7L);
    }

    @Test
    void anUnknownDependencyAndACycleAreRefused() {
        TaskSpec unknown = multi(List.of(new Stage("a", List.of("ghost"), task("echo", null))));
        assertThatThrownBy(() -> scheduler.plan(workflow(unknown))).isInstanceOfSatisfying(TemplateProblem.class, p -> {
            assertThat(p.code()).isEqualTo("schedule.unknown-dependency");
            assertThat(p.pointer()).isEqualTo("/spec/stages/0/dependsOn/0");
        });
        TaskSpec cycle = multi(List.of(new Stage("a", List.of("b"), task("echo", null)),
                new Stage("b", List.of("a"), task("echo", null))));
        assertThatThrownBy(() -> scheduler.plan(workflow(cycle))).isInstanceOfSatisfying(TemplateProblem.class,
                p -> assertThat(p.code()).isEqualTo("schedule.cycle"));
    }

    @Test
    void shardsSplitTheItemsContiguouslyOrRoundRobin() throws TemplateProblem {
        List<ScheduledTask> contiguous = scheduler.plan(workflow(sharded(new Shard(3, "contiguous"), 7)));
        assertThat(contiguous).extracting(t -> t.shard().items())
                .containsExactly(List.of(0, 1, 2), List.of(3, 4), List.of(5, 6));
        assertThat(contiguous).extracting(ScheduledTask::id).containsExactly("task#0", "task#1", "task#2");
        List<ScheduledTask> roundRobin = scheduler.plan(workflow(sharded(new Shard(3, "round_robin"), 7)));
        assertThat(roundRobin).extracting(t -> t.shard().items())
                .containsExactly(List.of(0, 3, 6), List.of(1, 4), List.of(2, 5));
    }

    @Test
    void aShardWithoutItemsIsRefused() {
        assertThatThrownBy(() -> scheduler.plan(workflow(sharded(new Shard(2, "contiguous"), 0))))
                .isInstanceOfSatisfying(TemplateProblem.class, p -> {
                    assertThat(p.code()).isEqualTo("schedule.shard-without-items");
                    assertThat(p.pointer()).isEqualTo("/spec/shard");
                });
    }

    @Test
    void memoryQuantitiesParseAsUpstreamDoesEveryUnitBinary() throws Exception {
        assertThat(List.of("16Gi", "16GiB", "16GB", "16G", "16gb", "16 Gi")).allSatisfy(
                quantity -> assertThat(Quantity.bytes(quantity)).as(quantity).isEqualTo(16L << 30));
        assertThat(Quantity.bytes("512MB")).isEqualTo(512L << 20);
        assertThat(Quantity.bytes("2k")).isEqualTo(2048);
        assertThat(Quantity.bytes("1T")).isEqualTo(1L << 40);
        assertThat(Quantity.bytes("16")).isEqualTo(16);
    }

    @Test
    void memoryQuantitiesUpstreamCannotParseAreRefused() {
        assertThat(List.of("lots", "1.5Gi", "16P", "16B", "-1G")).allSatisfy(quantity -> assertThatThrownBy(
                () -> Quantity.bytes(quantity)).as(quantity).hasMessage("'" + quantity
                        + "' is not a memory quantity such as 16Gi, 16GB, 512Mi or 16"));
    }

    @Test
    void cpuQuantitiesAreCoresOrThousandths() throws Exception {
        assertThat(Quantity.milliCores("500m")).isEqualTo(500);
        assertThat(Quantity.milliCores("16")).isEqualTo(16_000);
    }

    private static Workflow workflow(TaskSpec spec) {
        return new Workflow("flowmesh/v1", "Workflow", new Metadata("wf", null, null, Map.of()), spec);
    }

    private static TaskSpec task(String taskType, Hardware hardware) {
        return new TaskSpec(taskType, null, null, hardware == null ? null : new Resources(hardware, 0), null, Map.of(),
                Map.of(), null, null, null, null, List.of(), List.of());
    }

    private static TaskSpec multi(List<Stage> stages) {
        return new TaskSpec(null, null, null, null, null, Map.of(), Map.of(), null, null, null, null, stages, List.of());
    }

    private static TaskSpec sharded(Shard shard, int items) {
        Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
        sections.put("data", Map.of("items", java.util.stream.IntStream.range(0, items).mapToObj(i -> "item " + i)
                .collect(Collectors.toList())));
        return new TaskSpec("inference", null, null, null, shard, sections, Map.of(), null, null, null, null, List.of(),
                List.of());
    }

    private static Hardware hardware(String cpu, String memory, String gpuType, int gpus) {
        return new Hardware(cpu, memory, new Gpu(gpuType, gpus, null));
    }
}
