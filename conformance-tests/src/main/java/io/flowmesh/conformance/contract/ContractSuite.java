package io.flowmesh.conformance.contract;

import java.util.ArrayList;
import java.util.List;

import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.spi.Capabilities;
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

    /**
     * Runs every contract the implementation's capabilities allow; a contract whose task type it does
     * not declare gives one not-applicable check naming the missing capability.
     *
     * @param options the audit's run options; the cases replace the model store and the URL mirror with
     *     inputs the kit writes for them
     */
    public List<ContractCheck> run(WorkflowImplementation implementation, RunOptions options) {
        List<ContractCheck> checks = new ArrayList<>();
        Capabilities capabilities = implementation.capabilities();
        try (Bench bench = Bench.open(implementation, options)) {
            for (Contract contract : contracts) {
                if (!capabilities.supportsTaskType(contract.taskType())) {
                    checks.add(new ContractCheck(contract.id(), "all", "the contract's scenarios run task type "
                            + contract.taskType(), contract.rows(), ContractCheck.Status.NOT_APPLICABLE,
                            "the implementation does not declare task type " + contract.taskType(), "not run"));
                    continue;
                }
                CaseLog log = new CaseLog(contract);
                contract.check(bench, log);
                checks.addAll(log.checks());
            }
        }
        return checks;
    }
}
