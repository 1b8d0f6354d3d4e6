package io.flowmesh.reference.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.flowmesh.conformance.audit.Audit;
import io.flowmesh.conformance.audit.Template;
import io.flowmesh.conformance.audit.TemplateCorpus;
import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.classification.ClassificationLoader;
import io.flowmesh.conformance.report.JsonReport;
import io.flowmesh.conformance.suite.SuiteSettings;
import io.flowmesh.reference.ReferenceImplementation;
import org.junit.jupiter.api.Test;

/** An audit on several threads reports exactly what the same audit on one thread reports. */
class ParallelAuditTest {

    @Test
    void theReportIsTheSameByteForByteWhateverTheNumberOfJobs() throws Exception {
        Classification classification = ClassificationLoader.load(SuiteSettings.classification());
        List<Template> templates = TemplateCorpus.load(SuiteSettings.templates()).stream()
                .filter(t -> t.file().startsWith("vllm_") || t.file().startsWith("ppo_") || t.file().startsWith("agent_"))
                .toList();
        ReferenceImplementation reference = new ReferenceImplementation();
        assertThat(reference.capabilities().concurrent()).as("the reference declares it may run concurrently").isTrue();

        String sequential = JsonReport.write(new Audit(reference, classification, SuiteSettings.runOptions())
                .run(templates));
        String parallel = JsonReport.write(new Audit(reference, classification, SuiteSettings.runOptions())
                .inParallel(4).run(templates));

        assertThat(templates).as("templates audited").hasSizeGreaterThan(10);
        assertThat(parallel).isEqualTo(sequential);
    }
}
