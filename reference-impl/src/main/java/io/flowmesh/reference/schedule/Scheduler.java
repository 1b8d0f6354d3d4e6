package io.flowmesh.reference.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flowmesh.reference.parse.Hardware;
import io.flowmesh.reference.parse.Stage;
import io.flowmesh.reference.parse.TaskSpec;
import io.flowmesh.reference.parse.TemplateProblem;
import io.flowmesh.reference.parse.Workflow;

/**
 * Expands a workflow into placed tasks, in dependency order.
 *
 * <p>A spec with {@code stages} or {@code graph.nodes} becomes one task per stage or node (the parser
 * has already merged the workflow's spec into each); otherwise the spec is one task. A {@code shard} turns a task into one task per shard over its {@code data.items}. Tasks are
 * ordered by a stable topological sort: among ready tasks, declaration order wins.
 */
public final class Scheduler {

    private final WorkerInventory inventory;

    /** @param inventory the workers tasks are placed on */
    public Scheduler(WorkerInventory inventory) {
        this.inventory = inventory;
    }

    /** The placed tasks, in the order they run. */
    public List<ScheduledTask> plan(Workflow workflow) throws TemplateProblem {
        List<Declared> declared = declared(workflow.spec());
        List<Declared> ordered = order(declared);
        Map<String, List<String>> taskIdsByStage = new LinkedHashMap<>();
        List<ScheduledTask> tasks = new ArrayList<>();
        for (Declared d : ordered) {
            if (d.spec().taskType() == null) {
                throw new TemplateProblem(d.pointer(), "schedule.no-task-type", "task '" + d.name()
                        + "' has no taskType, so no executor can run it");
            }
            ResourceRequest request = request(d);
            Worker worker = inventory.match(request).orElseThrow(() -> new TemplateProblem(
                    d.pointer() + "/resources/hardware", "schedule.no-worker", "no worker can run task '" + d.name()
                    + "': it asks for " + request.asEffect() + " and the largest workers are "
                    + inventory.workers().get(inventory.workers().size() - 1).name()));
            List<String> dependsOn = new ArrayList<>();
            for (String dependency : d.dependsOn()) {
                dependsOn.addAll(taskIdsByStage.get(dependency));
            }
            List<String> ids = new ArrayList<>();
            if (d.spec().shard() == null) {
                tasks.add(new ScheduledTask(d.name(), d.pointer(), d.spec(), dependsOn, null, request, worker));
                ids.add(d.name());
            } else {
                for (ShardSlice slice : slices(d)) {
                    String id = d.name() + "#" + slice.index();
                    tasks.add(new ScheduledTask(id, d.pointer(), d.spec(), dependsOn, slice, request, worker));
                    ids.add(id);
                }
            }
            taskIdsByStage.put(d.name(), ids);
        }
        return tasks;
    }

    private static List<Declared> declared(TaskSpec envelope) throws TemplateProblem {
        List<Declared> declared = new ArrayList<>();
        String kind = !envelope.stages().isEmpty() ? "stages" : !envelope.graphNodes().isEmpty() ? "graph/nodes" : null;
        if (kind == null) {
            declared.add(new Declared("task", "/spec", envelope, List.of()));
            return declared;
        }
        List<Stage> stages = kind.equals("stages") ? envelope.stages() : envelope.graphNodes();
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            String pointer = "/spec/" + kind + "/" + i;
            for (Declared earlier : declared) {
                if (earlier.name().equals(stage.name())) {
                    throw new TemplateProblem(pointer + "/name", "schedule.duplicate-name",
                            "two tasks are named '" + stage.name() + "'");
                }
            }
            declared.add(new Declared(stage.name(), pointer + "/spec", stage.spec(),
                    stage.dependsOn()));
        }
        for (int i = 0; i < declared.size(); i++) {
            List<String> dependsOn = declared.get(i).dependsOn();
            for (int j = 0; j < dependsOn.size(); j++) {
                String dependency = dependsOn.get(j);
                if (declared.stream().noneMatch(d -> d.name().equals(dependency))) {
                    throw new TemplateProblem("/spec/" + kind + "/" + i + "/dependsOn/" + j, "schedule.unknown-dependency",
                            "'" + declared.get(i).name() + "' depends on '" + dependency + "', which is not a task of this workflow");
                }
            }
        }
        return declared;
    }

    private static List<Declared> order(List<Declared> declared) throws TemplateProblem {
        List<Declared> ordered = new ArrayList<>();
        List<Declared> pending = new ArrayList<>(declared);
        while (!pending.isEmpty()) {
            Optional<Declared> ready = pending.stream()
                    .filter(d -> d.dependsOn().stream().allMatch(dep -> ordered.stream().anyMatch(o -> o.name().equals(dep))))
                    .findFirst();
            if (ready.isEmpty()) {
                Declared stuck = pending.get(0);
                throw new TemplateProblem(stuck.pointer().substring(0, stuck.pointer().lastIndexOf('/')) + "/dependsOn", "schedule.cycle",
                        "the dependencies of '" + stuck.name() + "' form a cycle");
            }
            ordered.add(ready.get());
            pending.remove(ready.get());
        }
        return ordered;
    }

    private static ResourceRequest request(Declared d) throws TemplateProblem {
        Hardware hardware = d.spec().resources() == null ? null : d.spec().resources().hardware();
        long load = d.spec().resources() == null ? 0 : d.spec().resources().estimatedLoad();
        if (hardware == null) {
            return new ResourceRequest(0, 0, null, 0, 0, load);
        }
        String at = d.pointer() + "/resources/hardware";
        try {
            long cpu = hardware.cpu() == null ? 0 : Quantity.milliCores(hardware.cpu());
            long memory = hardware.memory() == null ? 0 : Quantity.bytes(hardware.memory());
            if (hardware.gpu() == null) {
                return new ResourceRequest(cpu, memory, null, 0, 0, load);
            }
            int count = hardware.gpu().count() == null ? 1 : hardware.gpu().count();
            long gpuMemory = hardware.gpu().memory() == null ? 0 : Quantity.bytes(hardware.gpu().memory());
            return new ResourceRequest(cpu, memory, hardware.gpu().type(), count, gpuMemory, load);
        } catch (Quantity.InvalidQuantityException e) {
            throw new TemplateProblem(at, "schedule.quantity", e.getMessage());
        }
    }

    private static List<ShardSlice> slices(Declared d) throws TemplateProblem {
        Object items = d.spec().sections().getOrDefault("data", Map.of()).get("items");
        if (!(items instanceof List<?> list) || list.isEmpty()) {
            throw new TemplateProblem(d.pointer() + "/shard", "schedule.shard-without-items",
                    "task '" + d.name() + "' is sharded but has no data.items to split");
        }
        int count = d.spec().shard().count();
        String strategy = d.spec().shard().strategy() == null ? "contiguous" : d.spec().shard().strategy();
        List<ShardSlice> slices = new ArrayList<>();
        for (int shard = 0; shard < count; shard++) {
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                int owner = strategy.equals("round_robin") ? i % count : (int) ((long) i * count / list.size());
                if (owner == shard) {
                    indexes.add(i);
                }
            }
            slices.add(new ShardSlice(shard, count, strategy, indexes));
        }
        return slices;
    }

    private record Declared(String name, String pointer, TaskSpec spec, List<String> dependsOn) {
    }
}
