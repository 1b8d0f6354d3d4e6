package io.flowmesh.conformance.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.spi.ParseResult;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import org.apiguardian.api.API;

/**
 * Every contract the kit checks, run against one implementation: the rules of the RFC's support, fix
 * and keep rows, each judged by the kit's own oracle (see {@code docs/contract-cases.md}).
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class ContractSuite {

    private final List<Contract> contracts;

    private ContractSuite(List<Contract> contracts) {
        this.contracts = List.copyOf(contracts);
    }

    /** The standard contracts; the keep-values contract takes its values from the classification. */
    public static ContractSuite standard(Classification classification) {
        return new ContractSuite(List.of(new PpoEarlyStop(), new PpoEarlyStopSettings(), new PpoKlCoef(),
                new PpoLogWith(), new PpoPaddingSide(), new PpoConfigNames(), new VllmRevision(), ExecutorRevision.ppo(), ExecutorRevision.transformers(), new VllmTensorParallel(),
                new AgentTimeout(), new AdapterSource(), new KeepValues(classification)));
    }

    /** The contracts' IDs, in the order their cases are reported. */
    public List<String> ids() {
        return contracts.stream().map(Contract::id).toList();
    }

    /**
     * Every case of every contract, without running any scenario: the contracts run against an
     * implementation that declares every task type and refuses to run, so that each case records its
     * (failed) judgement under its stable ID. The IDs and rows are what a real run reports; the statuses
     * mean nothing.
     */
    public List<ContractCheck> cases() {
        Set<String> taskTypes = new TreeSet<>();
        contracts.forEach(c -> taskTypes.add(c.taskType()));
        return run(new Refusing(new Capabilities(taskTypes, Set.of(Capabilities.CPU))), RunOptions.defaults(), id -> true);
    }

    /**
     * Runs every contract the implementation's capabilities allow; a contract whose task type it does
     * not declare gives one not-applicable check naming the missing capability.
     *
     * @param options the audit's run options; the cases replace the model store and the URL mirror with
     *     inputs the kit writes for them
     */
    public List<ContractCheck> run(WorkflowImplementation implementation, RunOptions options) {
        return run(implementation, options, id -> true);
    }

    /**
     * Runs the contracts {@code selected} accepts (by contract id), as {@link #run(WorkflowImplementation, RunOptions)}.
     * A contract's cases share scenarios and run together, so a selection of cases runs their whole contract.
     */
    public List<ContractCheck> run(WorkflowImplementation implementation, RunOptions options, Predicate<String> selected) {
        List<ContractCheck> checks = new ArrayList<>();
        try (Session session = open(implementation, options)) {
            for (Contract contract : contracts) {
                if (selected.test(contract.id())) {
                    checks.addAll(session.check(contract.id()));
                }
            }
        }
        return checks;
    }

    /**
     * Writes the contracts' inputs once, for contracts to be checked one by one: on several threads at
     * once, if the implementation may be called so (each contract writes inputs of its own).
     *
     * @param options the audit's run options; the cases replace the model store and the URL mirror with
     *     inputs the kit writes for them
     */
    public Session open(WorkflowImplementation implementation, RunOptions options) {
        return new Session(implementation.capabilities(), Bench.open(implementation, options));
    }

    /** The contracts' inputs, written once and deleted when closed, and one contract checked at a time. */
    public final class Session implements AutoCloseable {

        private final Capabilities capabilities;
        private final Bench bench;

        private Session(Capabilities capabilities, Bench bench) {
            this.capabilities = capabilities;
            this.bench = bench;
        }

        /**
         * The cases of one contract, or one not-applicable check naming the task type the implementation
         * does not declare.
         *
         * @throws IllegalArgumentException when no contract has that ID
         */
        public List<ContractCheck> check(String id) {
            Contract contract = contracts.stream().filter(c -> c.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no contract " + id + "; the contracts are " + ids()));
            if (!capabilities.supportsTaskType(contract.taskType())) {
                return List.of(new ContractCheck(contract.id(), "all", "the contract's scenarios run task type "
                        + contract.taskType(), contract.rows(), ContractCheck.Status.NOT_APPLICABLE,
                        "the implementation does not declare task type " + contract.taskType(), "not run"));
            }
            CaseLog log = new CaseLog(contract);
            contract.check(bench, log);
            return log.checks();
        }

        @Override
        public void close() {
            bench.close();
        }
    }

    /** The implementation {@link #cases()} lists the cases with: it declares what it is given and runs nothing. */
    private record Refusing(Capabilities capabilities) implements WorkflowImplementation {

        @Override
        public String name() {
            return "listing";
        }

        @Override
        public String version() {
            return "0";
        }

        @Override
        public ParseResult parse(String yaml, String sourceName) {
            throw new UnsupportedOperationException("listing the contract cases runs nothing");
        }

        @Override
        public RunResult run(String yaml, RunOptions options) {
            throw new UnsupportedOperationException("listing the contract cases runs nothing");
        }
    }
}
