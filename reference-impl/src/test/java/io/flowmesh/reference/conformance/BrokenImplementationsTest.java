package io.flowmesh.reference.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowmesh.conformance.audit.Audit;
import io.flowmesh.conformance.audit.Deviation;
import io.flowmesh.conformance.audit.Deviations;
import io.flowmesh.conformance.audit.Template;
import io.flowmesh.conformance.audit.TemplateCorpus;
import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.classification.ClassificationLoader;
import io.flowmesh.conformance.probe.Probe;
import io.flowmesh.conformance.report.AuditReport;
import io.flowmesh.conformance.report.Badge;
import io.flowmesh.conformance.report.ProbeCheck;
import io.flowmesh.conformance.report.TemplateCheck;
import io.flowmesh.conformance.report.TemplateReport;
import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import io.flowmesh.conformance.suite.SuiteSettings;
import io.flowmesh.reference.ReferenceImplementation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kit catches what it claims to catch: each deliberately broken implementation fails the audit on
 * the field it breaks, for the reason it breaks it, while the reference passes the same templates.
 */
class BrokenImplementationsTest {

    private static Classification classification;
    private static List<Template> templates;

    @BeforeAll
    static void load() throws Exception {
        classification = ClassificationLoader.load(SuiteSettings.classification());
        templates = TemplateCorpus.load(SuiteSettings.templates());
    }

    @Test
    void theReferencePassesTheTemplatesTheBrokenOnesAreTriedOn() {
        AuditReport report = audit(new ReferenceImplementation(), "vllm_revision_pinned.yaml", "ppo_llama_1b.yaml",
                "echo_hello.yaml", "agent_code_review.yaml");
        assertThat(failures(report)).as("failures of the reference on the same templates").isEmpty();
    }

    @Test
    void anImplementationThatIgnoresTheVllmRevisionFailsTheRevisionRow() {
        WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("ignores-vllm-revision", tree -> {
            for (ObjectNode model : RewritingImplementation.mappings(tree)) {
                if (model.has("vllm") && model.path("source").has("revision")) {
                    ((ObjectNode) model.get("source")).remove("revision");
                }
            }
        });
        List<ProbeCheck> failed = failedProbes(audit(broken, "vllm_revision_pinned.yaml")).stream()
                .filter(p -> "model-source-revision".equals(p.classificationId())).toList();
        assertThat(failed).as("probes of model.source.revision that failed").extracting(ProbeCheck::kind)
                .containsExactly(Probe.Kind.PERTURB, Probe.Kind.INVALID);
        assertThat(failed.get(0).judgement().reason()).as("another revision loads nothing else")
                .contains("model.source.revision").contains("resolved_commit").contains("NO_EFFECT");
        assertThat(failed.get(1).judgement().reason()).as("an unknown revision is not refused")
                .isEqualTo("model.source.revision must refuse this value, naming /spec/model/source/revision, but the"
                        + " probe gave NO_EFFECT");
    }

    @Test
    void anImplementationThatAliasesTargetKlToKlCoefFailsTheTargetKlRow() {
        WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("aliases-target-kl", tree -> {
            for (ObjectNode training : RewritingImplementation.mappings(tree)) {
                if (training.has("target_kl")) {
                    training.set("kl_coef", training.get("target_kl"));
                }
            }
        });
        List<ProbeCheck> failed = failedProbes(audit(broken, "ppo_llama_1b.yaml"));
        assertThat(failed).as("failed probes of training.target_kl")
                .filteredOn(p -> p.pointer().equals("/spec/training/target_kl"))
                .isNotEmpty()
                .anySatisfy(p -> assertThat(p.judgement().reason())
                        .contains("kl_coef").contains("must never be aliased to kl_coef"));
    }

    @Test
    void anImplementationThatReadsReplicasFailsTheReplicasInjection() {
        WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("reads-replicas", tree -> {
            for (ObjectNode resources : RewritingImplementation.mappings(tree)) {
                JsonNode replicas = resources.remove("replicas");
                if (replicas != null && replicas.isNumber()) {
                    resources.withObjectProperty("hardware").put("cpu", String.valueOf(replicas.asInt() * 4));
                }
            }
        });
        List<ProbeCheck> failed = failedProbes(audit(broken, "echo_hello.yaml"));
        assertThat(failed).as("failed injections of resources.replicas")
                .filteredOn(p -> "resources-replicas".equals(p.classificationId()))
                .singleElement()
                .satisfies(p -> assertThat(p.judgement().reason())
                        .contains("the runtime reads resources.replicas").contains("scheduler"));
    }

    @Test
    void anImplementationWhoseTraceIsNotDeterministicFailsTheDeterminismCheck() {
        AtomicLong runs = new AtomicLong();
        WorkflowImplementation broken = RewritingImplementation.rewritingTraces("nondeterministic", effects -> {
            effects.add(new Effect("scheduler", "run_id", runs.incrementAndGet()));
            return effects;
        });
        AuditReport report = audit(broken, "echo_hello.yaml");
        assertThat(report.templates().get(0).checks()).as("template checks")
                .filteredOn(c -> c.id().endsWith("/deterministic"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.pass()).isFalse();
                    assertThat(c.reason()).contains("not deterministic").contains("run_id");
                });
    }

    @Test
    void anImplementationThatIgnoresLegacyFieldsSilentlyFailsEveryInjection() {
        WorkflowImplementation broken = RewritingImplementation.rewritingWarnings("silent", warnings -> List.of());
        // sloSeconds and parallel are inference fields upstream: a PPO spec refuses them, an inference spec takes them.
        List<ProbeCheck> failed = failedProbes(audit(broken, "ppo_llama_1b.yaml", "vllm_revision_pinned.yaml")).stream()
                .filter(p -> p.kind() == Probe.Kind.INJECT).toList();
        assertThat(failed).as("failed injections")
                .extracting(ProbeCheck::classificationId)
                .contains("resources-replicas", "spec-slo-seconds", "spec-parallel", "ppo-do-sample", "ppo-optimize-cuda-cache");
        assertThat(failed).allSatisfy(p -> assertThat(p.judgement().reason()).contains("accepted silently"));
    }

    @Test
    void anImplementationWithAHardCodedAgentTimeoutFailsTheAgentTimeoutRow() {
        WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("hard-coded-agent-timeout", tree -> {
            for (ObjectNode agent : RewritingImplementation.mappings(tree)) {
                if (agent.has("timeout")) {
                    agent.put("timeout", 600);
                }
            }
        });
        List<ProbeCheck> failed = failedProbes(audit(broken, "agent_code_review.yaml"));
        assertThat(failed).as("failed probes of spec.agent.timeout")
                .filteredOn(p -> "agent-timeout".equals(p.classificationId()))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.judgement().reason()).contains("spec.agent.timeout").contains("agent"));
    }

    @Test
    void aKnownDeviationHoldsTheBrokenImplementationAsAStrictExpectedFailure() {
        WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("ignores-vllm-revision", tree -> {
            for (ObjectNode model : RewritingImplementation.mappings(tree)) {
                if (model.has("vllm") && model.path("source").has("revision")) {
                    ((ObjectNode) model.get("source")).remove("revision");
                }
            }
        });
        List<String> failing = failedProbes(audit(broken, "vllm_revision_pinned.yaml")).stream().map(ProbeCheck::id).toList();
        Deviations known = Deviations.of(failing.stream().map(id -> new Deviation(id, "revision not forwarded yet")).toList());

        AuditReport held = audit(broken, known, "vllm_revision_pinned.yaml");
        assertThat(held.templates().get(0).probes()).as("probes of the broken implementation, deviations listed")
                .allSatisfy(p -> assertThat(p.pass()).isTrue());
        assertThat(held.summary().expectedFailures()).isEqualTo(failing.size()).isPositive();

        AuditReport fixed = audit(new ReferenceImplementation(), known, "vllm_revision_pinned.yaml");
        assertThat(failedProbes(fixed)).as("once fixed, the listed checks fail until the entries go")
                .extracting(ProbeCheck::id).containsExactlyElementsOf(failing);
        assertThat(failedProbes(fixed)).allSatisfy(p -> assertThat(p.judgement().reason()).contains("passes now"));
    }

    @Test
    void aBrokenImplementationsBadgeIsRedWithItsFailedChecksCounted() {
        WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("ignores vLLM revision!", tree -> {
            for (ObjectNode model : RewritingImplementation.mappings(tree)) {
                if (model.has("vllm") && model.path("source").has("revision")) {
                    ((ObjectNode) model.get("source")).remove("revision");
                }
            }
        });
        AuditReport report = audit(broken, "vllm_revision_pinned.yaml");
        int failed = 0;
        int checks = 0;
        for (TemplateReport template : report.templates()) {
            checks += template.checks().size() + template.probes().size();
            failed += (int) (template.checks().stream().filter(c -> !c.pass()).count()
                    + template.probes().stream().filter(p -> !p.pass()).count());
        }
        checks += report.rowChecks().size();
        failed += (int) report.rowChecks().stream().filter(c -> !c.pass()).count();
        for (io.flowmesh.conformance.contract.ContractCheck contract : report.contracts()) {
            checks += contract.status() == io.flowmesh.conformance.contract.ContractCheck.Status.NOT_APPLICABLE ? 0 : 1;
            failed += contract.status() == io.flowmesh.conformance.contract.ContractCheck.Status.FAILED ? 1 : 0;
        }

        assertThat(Badge.fileName(broken.name())).isEqualTo("badge-ignores-vllm-revision.json");
        assertThat(Badge.json(report)).contains("{\"schemaVersion\":1,\"label\":\"flowmesh conformance\",\"message\":"
                + "\"not conformant: " + failed + " of " + checks + " checks failed\",\"color\":\"red\"}\n");
        assertThat(failed).as("the revision probes fail").isGreaterThanOrEqualTo(2);
    }

    private static AuditReport audit(WorkflowImplementation implementation, String... files) {
        return audit(implementation, Deviations.none(), files);
    }

    private static AuditReport audit(WorkflowImplementation implementation, Deviations deviations, String... files) {
        List<Template> chosen = new ArrayList<>();
        for (String file : files) {
            chosen.add(templates.stream().filter(t -> t.file().equals(file)).findFirst()
                    .orElseThrow(() -> new AssertionError("no bundled template " + file)));
        }
        return new Audit(implementation, classification, SuiteSettings.runOptions(), deviations).run(chosen);
    }

    private static List<String> failures(AuditReport report) {
        List<String> failures = new ArrayList<>();
        for (TemplateReport template : report.templates()) {
            template.checks().stream().filter(c -> !c.pass()).map(TemplateCheck::reason).forEach(failures::add);
            template.probes().stream().filter(p -> !p.pass()).map(p -> p.id() + ": " + p.judgement().reason())
                    .forEach(failures::add);
        }
        return failures;
    }

    private static List<ProbeCheck> failedProbes(AuditReport report) {
        return report.templates().stream().flatMap(t -> t.probes().stream()).filter(p -> !p.pass())
                .collect(Collectors.toList());
    }
}
