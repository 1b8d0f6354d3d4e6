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
    void stagesInheritTheEnvelopeResources() throws TemplateProblem {
        TaskSpec envelope = new TaskSpec(null, null, null, new Resources(hardware("8", "32Gi", "A100", 1)), null,
                Map.of(), null, null, null, null, List.of(new Stage("only", List.of(), task("echo", null))), List.of());
        assertThat(scheduler.plan(workflow(envelope)).get(0).worker().name()).isEqualTo("gpu-a100");
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
    void quantitiesParseInEverySpellingTemplatesUse() throws Exception {
        assertThat(Quantity.bytes("16Gi")).isEqualTo(Quantity.bytes("16GiB")).isEqualTo(16L << 30);
        assertThat(Quantity.bytes("512M")).isEqualTo(512_000_000L);
        assertThat(Quantity.milliCores("500m")).isEqualTo(500);
        assertThat(Quantity.milliCores("16")).isEqualTo(16_000);
        assertThatThrownBy(() -> Quantity.bytes("lots")).hasMessageContaining("'lots' is not a memory quantity");
    }

    private static Workflow workflow(TaskSpec spec) {
        return new Workflow("flowmesh/v1", "Workflow", new Metadata("wf", null, null, Map.of(), Map.of()), spec);
    }

    private static TaskSpec task(String taskType, Hardware hardware) {
        return new TaskSpec(taskType, null, null, hardware == null ? null : new Resources(hardware), null, Map.of(),
                null, null, null, null, List.of(), List.of());
    }

    private static TaskSpec multi(List<Stage> stages) {
        return new TaskSpec(null, null, null, null, null, Map.of(), null, null, null, null, stages, List.of());
    }

    private static TaskSpec sharded(Shard shard, int items) {
        Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
        sections.put("data", Map.of("items", java.util.stream.IntStream.range(0, items).mapToObj(i -> "item " + i)
                .collect(Collectors.toList())));
        return new TaskSpec("inference", null, null, null, shard, sections, null, null, null, null, List.of(), List.of());
    }

    private static Hardware hardware(String cpu, String memory, String gpuType, int gpus) {
        return new Hardware(cpu, memory, new Gpu(gpuType, gpus, null));
    }
}
