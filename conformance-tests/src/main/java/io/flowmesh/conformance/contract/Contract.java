package io.flowmesh.conformance.contract;

import java.util.List;
import java.util.Objects;

/**
 * One rule of the RFC that the kit checks with its own oracle: a family of cases run on a
 * {@link Bench} and judged into a {@link CaseLog}.
 */
abstract class Contract {

    private final String id;
    private final List<String> rows;
    private final String taskType;

    /**
     * @param id a stable id, the second part of every case ID, e.g. {@code ppo-early-stop}
     * @param rows the classification rows the contract backs, by row id
     * @param taskType the {@code spec.taskType} the contract's scenarios run; an implementation without
     *     it is not measured
     */
    Contract(String id, List<String> rows, String taskType) {
        this.id = Objects.requireNonNull(id, "id");
        this.rows = List.copyOf(rows);
        this.taskType = Objects.requireNonNull(taskType, "taskType");
    }

    final String id() {
        return id;
    }

    final List<String> rows() {
        return rows;
    }

    final String taskType() {
        return taskType;
    }

    /** Runs every case of the contract and judges it. */
    abstract void check(Bench bench, CaseLog log);
}
