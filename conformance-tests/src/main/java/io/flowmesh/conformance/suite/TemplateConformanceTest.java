package io.flowmesh.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.flowmesh.conformance.audit.Audit;
import io.flowmesh.conformance.audit.AuditInputException;
import io.flowmesh.conformance.audit.Selection;
import io.flowmesh.conformance.audit.Template;
import io.flowmesh.conformance.audit.TemplateCorpus;
import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.classification.ClassificationException;
import io.flowmesh.conformance.classification.ClassificationLoader;
import io.flowmesh.conformance.contract.ContractCheck;
import io.flowmesh.conformance.probe.Change;
import io.flowmesh.conformance.report.AuditReport;
import io.flowmesh.conformance.report.ProbeCheck;
import io.flowmesh.conformance.report.TemplateCheck;
import io.flowmesh.conformance.report.TemplateReport;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance suite: every template through the implementation under test, every field probed,
 * every verdict judged against the classification. One container per template, one test per check
 * ({@code ppo_llama_1b.yaml › /spec/training/log_with › perturb: "wandb" -> "tensorboard"}), a
 * container of the kit's contract cases, one test per case named by its stable ID, and a last container
 * that checks every classification row was measured.
 *
 * <p>Every test's source is the file it checks (its template, or the classification for the contract
 * cases and rows) rather than this factory method. Besides letting an IDE open the template, that is what
 * makes Surefire's XML report name a test by its display name alone, where a method source would prefix
 * every name with the display names of its containers and of this method.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@DisplayName("FlowMesh template conformance")
public class TemplateConformanceTest {

    @TestFactory
    Stream<DynamicNode> everyTemplateAndField() throws AuditInputException, ClassificationException {
        Classification rules = ClassificationLoader.load(SuiteSettings.classification());
        List<Template> templates = TemplateCorpus.load(SuiteSettings.templates());
        Selection selection = SuiteSettings.selection(templates, rules);
        WorkflowImplementation implementation = SuiteSettings.implementation();
        Audit audit = new Audit(implementation, rules,
                SuiteSettings.onBackend(implementation, SuiteSettings.runOptions(templates, rules)), SuiteSettings.deviations(),
                SuiteSettings.rows()).inParallel(SuiteSettings.jobs()).selecting(selection);
        // The audit runs whole before any test does, so that selecting one container (the rows, say)
        // still reports what every template measured.
        AuditReport report;
        try (Verbosity quiet = Verbosity.fromSystemProperties()) {
            report = audit.run(templates);
        }
        Path folder = SuiteSettings.templates();
        URI classificationFile = SuiteSettings.classification().toUri();
        Stream<DynamicNode> perTemplate = report.templates().stream().map(template -> {
            URI file = folder.resolve(template.file()).toUri();
            return dynamicContainer(template.file(), file, templateTests(template, file));
        });
        Stream<DynamicNode> contracts = Stream.of(dynamicContainer("contract cases", classificationFile,
                report.contracts().stream()
                        .map(check -> dynamicTest(contractName(check), classificationFile, () -> assertContract(check)))));
        Stream<DynamicNode> rows = Stream.of(dynamicContainer("classification rows", classificationFile,
                report.rowChecks().stream().map(check -> dynamicTest(check.id() + " › " + check.name(),
                        classificationFile, () -> assertCheck(check)))));
        // A selection's tests all passing must not read as a conformant run: one skipped test says why.
        Stream<DynamicNode> partial = report.summary().selection().stream().map(how -> dynamicTest(
                "selection › skipped: " + report.summary().describe() + ", no conformance verdict", classificationFile,
                () -> Assumptions.abort(report.summary().describe() + ": no conformance verdict")));
        return Stream.of(partial, perTemplate, contracts, rows).flatMap(nodes -> nodes);
    }

    private static Stream<DynamicNode> templateTests(TemplateReport report, URI file) {
        if (report.skipped().isPresent()) {
            // The reason is in the name too: Surefire's XML keeps an aborted test's message only in its body.
            String reason = report.skipped().get();
            return Stream.of(dynamicTest(report.file() + " › skipped: " + reason, file,
                    () -> Assumptions.abort(report.file() + " is skipped: " + reason)));
        }
        Stream<DynamicNode> checks = report.checks().stream()
                .map(check -> dynamicTest(check.id() + " › " + check.name(), file, () -> assertCheck(check)));
        Stream<DynamicNode> probes = report.probes().stream()
                .map(probe -> dynamicTest(probe.id() + " › " + probe.probe(), file,
                        () -> assertProbe(report.file(), probe)));
        return Stream.concat(checks, probes);
    }

    private static String contractName(ContractCheck check) {
        return check.status() == ContractCheck.Status.NOT_APPLICABLE
                ? check.id() + " › not applicable: " + check.expected()
                : check.id();
    }

    private static void assertContract(ContractCheck check) {
        if (check.status() == ContractCheck.Status.NOT_APPLICABLE) {
            Assumptions.abort(check.id() + " is not applicable: " + check.expected());
        }
        assertThat(check.pass()).withFailMessage("%s", check.message()).isTrue();
    }

    private static void assertCheck(TemplateCheck check) {
        assertThat(check.pass()).withFailMessage("%s: %s", check.id(), check.reason()).isTrue();
    }

    private static void assertProbe(String file, ProbeCheck probe) {
        assertThat(probe.pass()).withFailMessage("%s: %s › %s › %s%n  classification: %s%n  verdict: %s%n  why: %s%s",
                probe.id(), file, probe.pointer(), probe.probe(),
                probe.classificationId() == null ? "(none)" : probe.classificationId() + " (" + probe.treatment().word() + ")",
                probe.verdict().summary(), probe.judgement().reason(), diff(probe)).isTrue();
    }

    private static String diff(ProbeCheck probe) {
        if (probe.verdict().changes().isEmpty()) {
            return "";
        }
        return probe.verdict().changes().stream().map(Change::describe)
                .collect(Collectors.joining(System.lineSeparator() + "    ", System.lineSeparator() + "  diff:"
                        + System.lineSeparator() + "    ", ""));
    }
}
