package io.flowmesh.conformance.contract;

import java.util.List;

/**
 * One rule of the RFC that the kit checks with its own oracle: a family of cases run on a
 * {@link Bench} and judged into a {@link CaseLog}.
 */
interface Contract {

    /** A stable id, the second part of every case ID, e.g. {@code ppo-early-stop}. */
    String id();

    /** The classification rows the contract backs, by row id. */
    List<String> rows();

    /** The {@code spec.taskType} the contract's scenarios run; an implementation without it is not measured. */
    String taskType();

    /** Runs every case of the contract and judges it. */
    void check(Bench bench, CaseLog log);
}
