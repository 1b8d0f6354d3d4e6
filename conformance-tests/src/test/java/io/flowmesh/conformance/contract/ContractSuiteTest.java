package io.flowmesh.conformance.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.flowmesh.conformance.audit.AuditFixture;
import io.flowmesh.conformance.classification.ClassificationLoader;
import io.flowmesh.conformance.spi.RunOptions;
import org.junit.jupiter.api.Test;

class ContractSuiteTest {

    @Test
    void aContractWhoseTaskTypeTheImplementationLacksIsNotApplicableNeverPassed() throws Exception {
        List<ContractCheck> checks = ContractSuite.standard(ClassificationLoader.parse(AuditFixture.CLASSIFICATION,
                "inline.yaml")).run(AuditFixture.steadyFake(), RunOptions.defaults());

        assertThat(checks).extracting(ContractCheck::id).contains("contract/ppo-early-stop/all",
                "contract/vllm-revision/all", "contract/agent-timeout/all");
        assertThat(checks).allSatisfy(check -> {
            assertThat(check.status()).isEqualTo(ContractCheck.Status.NOT_APPLICABLE);
            assertThat(check.pass()).as("not applicable is not passed").isFalse();
        });
        assertThat(checks).filteredOn(c -> c.contract().equals("ppo-early-stop")).singleElement()
                .extracting(ContractCheck::message).isEqualTo("contract/ppo-early-stop/all: the contract's scenarios run"
                        + " task type ppo" + System.lineSeparator() + "  not applicable: the implementation does not"
                        + " declare task type ppo" + System.lineSeparator() + "  observed: not run");
    }
}
