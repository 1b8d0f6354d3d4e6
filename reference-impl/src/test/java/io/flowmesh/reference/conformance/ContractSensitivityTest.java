package io.flowmesh.reference.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.classification.ClassificationLoader;
import io.flowmesh.conformance.contract.ContractCheck;
import io.flowmesh.conformance.contract.ContractSuite;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.EffectTrace;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import io.flowmesh.conformance.suite.SuiteSettings;
import io.flowmesh.reference.ReferenceImplementation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract cases catch what they claim to: each broken implementation below plants one realistic
 * bug against one rule of docs/contract-cases.md, and exactly the cases of that rule that the bug
 * breaks fail, while the reference passes every case.
 */
class ContractSensitivityTest {

    private static ContractSuite suite;

    @BeforeAll
    static void load() throws Exception {
        Classification classification = ClassificationLoader.load(SuiteSettings.classification());
        suite = ContractSuite.standard(classification);
    }

    private static List<String> failed(WorkflowImplementation implementation) {
        return suite.run(implementation, SuiteSettings.runOptions()).stream()
                .filter(c -> c.status() != ContractCheck.Status.PASSED)
                .map(c -> c.id() + (c.status() == ContractCheck.Status.FAILED ? "" : " (" + c.status() + ")"))
                .sorted().toList();
    }

    private static List<String> cases(String contract, String... names) {
        return java.util.Arrays.stream(names).map(n -> "contract/" + contract + "/" + n).sorted().toList();
    }

    /** One case of every contract about revisions, sorted. */
    private static List<String> inEveryRevisionContract(String caseName) {
        return java.util.stream.Stream.of("vllm-revision", "ppo-revision", "transformers-revision")
                .map(contract -> "contract/" + contract + "/" + caseName).sorted().toList();
    }

    @Test
    void theReferencePassesEveryContractCase() {
        List<ContractCheck> checks = suite.run(new ReferenceImplementation(), SuiteSettings.runOptions());

        assertThat(checks).as("contract cases of the reference").hasSizeGreaterThan(40)
                .allSatisfy(c -> assertThat(c.status()).as(c.message()).isEqualTo(ContractCheck.Status.PASSED));
    }

    @Nested
    class PpoEarlyStop {

        @Test
        void stoppingOnAKlEqualToTheThresholdFailsTheStrictBoundary() {
            WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("stops-on-greater-or-equal",
                    tree -> training(tree).forEach(t -> {
                        if (t.path("early_stopping").asBoolean(false) && t.path("target_kl").isNumber()) {
                            t.put("target_kl", Math.nextDown(t.get("target_kl").doubleValue()));
                        }
                    }));

            assertThat(failed(broken)).containsExactlyElementsOf(cases("ppo-early-stop", "reports-where-it-stopped",
                    "same-kl-until-the-stop", "stops-strictly-above"));
        }

        @Test
        void notSavingTheModelAfterAnEarlyStopFailsTheSaveCase() {
            WorkflowImplementation broken = RewritingImplementation.rewritingTraces("no-save-after-stop", effects -> {
                boolean stopped = effects.stream().anyMatch(e -> e.key().endsWith("/stopped_early") && e.value() != null);
                return stopped ? replace(effects, "ppo.train", "saved_model", v -> null) : effects;
            });

            assertThat(failed(broken)).containsExactlyElementsOf(cases("ppo-early-stop", "saves-after-stop"));
        }

        @Test
        void disarmingAStopWithoutAPositiveThresholdInsteadOfRefusingItFailsTheSettings() {
            WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("silently-disarms",
                    tree -> training(tree).forEach(t -> {
                        if (t.path("early_stopping").asBoolean(false)
                                && (!t.path("target_kl").isNumber() || t.get("target_kl").doubleValue() <= 0)) {
                            t.put("early_stopping", false);
                            t.remove("target_kl");
                        }
                    }));

            assertThat(failed(broken)).containsExactlyElementsOf(cases("ppo-early-stop-settings", "armed-with-negative-target-kl",
                    "armed-with-zero-target-kl", "armed-without-target-kl"));
        }

        @Test
        void armingOnTargetKlAloneFailsTheTargetKlAloneCases() {
            WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("target-kl-arms",
                    tree -> training(tree).forEach(t -> {
                        if (t.has("target_kl") && !t.has("early_stopping")) {
                            t.put("early_stopping", true);
                        }
                    }));

            assertThat(failed(broken)).containsExactlyElementsOf(cases("ppo-early-stop-settings",
                    "target-kl-alone-stops-nothing", "target-kl-alone-warns"));
        }

        @Test
        void readingAnyNonEmptyStringAsTrueFailsTheFalseWords() {
            WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("python-truthiness",
                    tree -> training(tree).forEach(t -> {
                        if (t.path("early_stopping").isTextual()) {
                            t.put("early_stopping", !t.get("early_stopping").textValue().isEmpty());
                        }
                    }));

            assertThat(failed(broken)).containsExactlyElementsOf(cases("ppo-early-stop-settings",
                    "early-stopping-false-string-is-false", "early-stopping-no-string-is-false",
                    "early-stopping-off-string-is-false"));
        }

        @Test
        void fallingBackToTargetKlForAMissingKlCoefFailsTheKlCoefContract() {
            WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("target-kl-as-kl-coef",
                    tree -> training(tree).forEach(t -> {
                        if (t.has("target_kl") && !t.has("kl_coef")) {
                            t.set("kl_coef", t.get("target_kl"));
                        }
                    }));

            assertThat(failed(broken)).containsExactlyElementsOf(cases("ppo-kl-coef", "kl-coef-independent-of-target-kl"));
        }
    }

    @Nested
    class PpoConfig {

        @Test
        void passingATrl011NameThroughFailsThatNamesCase() {
            WorkflowImplementation broken = RewritingImplementation.rewritingResults("passes-target-kl-through",
                    (template, options, result) -> {
                        JsonNode targetKl = template.path("spec").path("training").get("target_kl");
                        if (targetKl == null || !(result instanceof RunResult.Completed completed)) {
                            return result;
                        }
                        return new RunResult.Completed(new EffectTrace(append(completed.trace().effects(),
                                new Effect("ppo.config", "task/target_kl", targetKl.doubleValue()))), completed.warnings());
                    });

            assertThat(failed(broken)).containsExactlyElementsOf(cases("ppo-config", "never-passes-target-kl"));
        }

        @Test
        void mappingPpoEpochsToTrainEpochsFailsThePpoEpochsCase() {
            WorkflowImplementation broken = RewritingImplementation.rewritingTraces("ppo-epochs-as-train-epochs",
                    effects -> effects.stream().map(e -> e.channel().equals("ppo.config") && e.key().endsWith("/num_ppo_epochs")
                            ? new Effect(e.channel(), e.key().replace("num_ppo_epochs", "num_train_epochs"), e.value()) : e)
                            .toList());

            assertThat(failed(broken)).containsExactlyElementsOf(cases("ppo-config", "passes-num-ppo-epochs"));
        }

        @Test
        void leavingReportToOutWhenLogWithIsAbsentFailsTheNoneCases() {
            // TRL then reports to every installed integration: the default FlowMesh must not inherit.
            WorkflowImplementation broken = RewritingImplementation.rewritingResults("report-to-left-out",
                    (template, options, result) -> {
                        JsonNode logWith = template.path("spec").path("training").get("log_with");
                        return logWith == null || logWith.isNull() ? removeEffect(result, "ppo.config", "report_to") : result;
                    });

            assertThat(failed(broken)).containsExactlyElementsOf(cases("ppo-log-with", "absent-reports-to-none",
                    "null-reports-to-none"));
        }

        @Test
        void notMappingTrackerProjectNameFailsTheProjectCase() {
            WorkflowImplementation broken = RewritingImplementation.rewritingResults("no-project",
                    (template, options, result) -> removeEffect(result, "ppo.config", "project"));

            assertThat(failed(broken)).containsExactlyElementsOf(cases("ppo-log-with", "project-from-tracker-project-name"));
        }

        @Test
        void aTokenizerThatAlwaysPadsLeftFailsTheRightPaddingCase() {
            // The bridge once hard-coded padding_side="left" while the trace echoed the template's value.
            WorkflowImplementation broken = RewritingImplementation.rewritingResults("always-pads-left",
                    (template, options, result) -> {
                        JsonNode asked = template.path("spec").path("training").get("padding_side");
                        if (asked == null || !(result instanceof RunResult.Completed)) {
                            return result;
                        }
                        ObjectNode left = (ObjectNode) template.deepCopy();
                        ((ObjectNode) left.get("spec").get("training")).put("padding_side", "left");
                        RunResult padded = new ReferenceImplementation().run(
                                io.flowmesh.conformance.probe.TemplateTree.write(left), options);
                        return replaceEffect(padded, "tokenizer", "padding_side", v -> asked.textValue());
                    });

            assertThat(failed(broken)).containsExactlyElementsOf(cases("ppo-padding-side", "pads-on-the-right"));
        }
    }

    @Nested
    class VllmRevision {

        @Test
        void ignoringTheRevisionFailsEveryCaseThatNeedsAnotherCommitThanMain() {
            WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("ignores-vllm-revision", tree -> {
                for (ObjectNode model : RewritingImplementation.mappings(tree)) {
                    if (model.has("vllm") && model.path("source").has("revision")) {
                        ((ObjectNode) model.get("source")).remove("revision");
                    }
                }
            });

            assertThat(failed(broken)).containsExactlyElementsOf(cases("vllm-revision", "commit-id-loads-itself",
                    "tag-loads-its-commit", "tokenizer-follows-the-revision", "two-revisions-in-one-run",
                    "unknown-revision-is-refused"));
        }

        @Test
        void aPpoExecutorThatIgnoresTheRevisionFailsThePpoRevisionCases() {
            WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("ppo-ignores-revision", tree -> {
                if ("ppo".equals(tree.path("spec").path("taskType").asText())
                        && tree.path("spec").path("model").get("source") instanceof ObjectNode source) {
                    source.remove("revision");
                }
            });

            assertThat(failed(broken)).containsExactlyElementsOf(cases("ppo-revision", "commit-id-loads-itself",
                    "tag-loads-its-commit", "unknown-revision-is-refused"));
        }

        @Test
        void aTransformersExecutorThatLoadsATagAsMainFailsItsTagCase() {
            WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("transformers-tag-as-main", tree -> {
                JsonNode spec = tree.path("spec");
                if (spec.path("enforce_cpu").asBoolean(false) && spec.path("model").get("source") instanceof ObjectNode source
                        && "v1.0".equals(source.path("revision").asText())) {
                    source.put("revision", "main");
                }
            });

            assertThat(failed(broken)).containsExactlyElementsOf(cases("transformers-revision", "tag-loads-its-commit"));
        }

        @Test
        void resolvingOnlyThroughRefsFailsTheCommitIdCase() {
            WorkflowImplementation broken = RewritingImplementation.rewritingResults("refs-only",
                    (template, options, result) -> {
                        String revision = template.path("spec").path("model").path("source").path("revision").asText("");
                        return revision.matches("[0-9a-f]{40}") ? new RunResult.Rejected(List.of(new Diagnostic("template",
                                "/spec/model/source/revision", 0, 0, "execute.model-resolution",
                                "no ref named " + revision)), List.of()) : result;
                    });

            assertThat(failed(broken)).as("every executor's commit-id case").containsExactlyElementsOf(inEveryRevisionContract(
                    "commit-id-loads-itself"));
        }

        @Test
        void fallingBackToMainForAnUnknownRevisionFailsTheRefusalCase() {
            WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("falls-back-to-main",
                    (tree, options) -> {
                        for (ObjectNode source : RewritingImplementation.mappings(tree)) {
                            if (source.has("identifier") && source.has("revision")
                                    && !knownRevision(options, source.get("identifier").asText(), source.get("revision").asText())) {
                                source.put("revision", "main");
                            }
                        }
                    });

            assertThat(failed(broken)).as("every executor's refusal case").containsExactlyElementsOf(inEveryRevisionContract(
                    "unknown-revision-is-refused"));
        }

        @Test
        void aTokenizerThatDefaultsToMainFailsTheTokenizerDefaultCase() {
            WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("tokenizer-defaults-to-main", tree -> {
                for (ObjectNode model : RewritingImplementation.mappings(tree)) {
                    if (model.get("vllm") instanceof ObjectNode vllm && !vllm.has("tokenizer_revision")) {
                        vllm.put("tokenizer_revision", "main");
                    }
                }
            });

            assertThat(failed(broken)).containsExactlyElementsOf(cases("vllm-revision", "tokenizer-follows-the-revision"));
        }

        @Test
        void anEngineReuseKeyWithoutTheRevisionFailsTheTwoRevisionsCase() {
            WorkflowImplementation broken = RewritingImplementation.rewritingTraces("engine-key-without-revision", effects -> {
                Map<String, Object> firstCommitByModel = new HashMap<>();
                Map<String, String> modelByTask = new HashMap<>();
                List<Effect> out = new ArrayList<>();
                for (Effect e : effects) {
                    String task = e.key().substring(0, e.key().lastIndexOf('/') + 1);
                    if (e.channel().equals("vllm.engine") && e.key().endsWith("/model")) {
                        modelByTask.put(task, String.valueOf(e.value()));
                    }
                    if (e.channel().equals("vllm.engine") && e.key().endsWith("/resolved_commit")) {
                        Object first = firstCommitByModel.putIfAbsent(modelByTask.get(task), e.value());
                        out.add(first == null ? e : new Effect(e.channel(), e.key(), first));
                        continue;
                    }
                    out.add(e);
                }
                return out;
            });

            assertThat(failed(broken)).containsExactlyElementsOf(cases("vllm-revision", "two-revisions-in-one-run"));
        }

        @Test
        void anUncappedTensorParallelSizeFailsTheCapCase() {
            WorkflowImplementation broken = RewritingImplementation.rewritingResults("uncapped-tensor-parallel",
                    (template, options, result) -> {
                        JsonNode asked = template.path("spec").path("model").path("vllm").get("tensor_parallel_size");
                        return asked == null ? result : replaceEffect(result, "vllm.engine", "tensor_parallel_size",
                                v -> asked.longValue());
                    });

            assertThat(failed(broken)).containsExactlyElementsOf(cases("vllm-tensor-parallel", "capped-by-gpu-count"));
        }
    }

    /**
     * The bugs a trace cannot show: the trace says what was asked while the engine loaded something else.
     * Only the kit's witness of the run (what its hub served) catches them, so each case fails on the
     * witness alone: judged on traces alone, the same implementation passes every case.
     */
    @Nested
    class Witnesses {

        /**
         * Loads every model at main through the hub (known revisions dropped), and reports the trace of a
         * correct load read from the folder, which the hub never sees.
         */
        private WorkflowImplementation reportsTheAskedRevisionButLoadsMain() {
            return RewritingImplementation.rewriting("reports-the-asked-revision-loads-main", (tree, options) -> {
                for (ObjectNode section : RewritingImplementation.mappings(tree)) {
                    for (String key : List.of("revision", "tokenizer_revision")) {
                        if (section.path(key).isTextual() && knownRevision(options, "conformance/tiny-llm", section.get(key).asText())) {
                            section.remove(key);
                        }
                    }
                }
            }, (template, options, loaded) -> new ReferenceImplementation().run(
                    io.flowmesh.conformance.probe.TemplateTree.write(template), without(options, RunOptions.HUB_ENDPOINT)));
        }

        @Test
        void reportingTheAskedRevisionWhileLoadingMainFailsEveryCaseOfAnotherCommitOnItsWitness() {
            List<ContractCheck> failed = suite.run(reportsTheAskedRevisionButLoadsMain(), SuiteSettings.runOptions()).stream()
                    .filter(c -> c.status() != ContractCheck.Status.PASSED).toList();

            assertThat(failed.stream().map(ContractCheck::id).sorted().toList()).containsExactlyElementsOf(java.util.stream.Stream.of(
                    cases("vllm-revision", "commit-id-loads-itself", "tag-loads-its-commit", "tokenizer-follows-the-revision",
                            "two-revisions-in-one-run"),
                    cases("ppo-revision", "commit-id-loads-itself", "tag-loads-its-commit"),
                    cases("transformers-revision", "commit-id-loads-itself", "tag-loads-its-commit"))
                    .flatMap(List::stream).sorted().toList());
            ContractCheck tag = failed.stream().filter(c -> c.id().equals("contract/vllm-revision/tag-loads-its-commit"))
                    .findFirst().orElseThrow();
            String tagCommit = io.flowmesh.conformance.store.HubCacheWriter.commitOf("conformance/tiny-llm", "v1.0");
            String mainCommit = io.flowmesh.conformance.store.HubCacheWriter.commitOf("conformance/tiny-llm", "main");
            assertThat(tag.expected()).isEqualTo("vllm.engine/resolved_commit = \"" + tagCommit
                    + "\", and the hub serving conformance/tiny-llm files at " + tagCommit);
            assertThat(tag.observed()).as("the trace's value and the witness's, side by side").isEqualTo(
                    "vllm.engine/resolved_commit = \"" + tagCommit + "\"; witness: the hub served conformance/tiny-llm:"
                    + " revision main -> " + mainCommit + "; files at " + mainCommit + ": config.json, tokenizer_config.json");
        }

        @Test
        void judgedOnItsTracesAloneTheSameImplementationPassesEveryCase() {
            assertThat(failed(judgedOnTracesAlone(reportsTheAskedRevisionButLoadsMain()))).isEmpty();
        }

        @Test
        void anImplementationThatDeclaresTheHubButNeverAsksItFailsEveryRevisionCaseOnTheMissingWitness() {
            // Reads the folder it is also given, as a runtime with a warm local cache would, and says it fetches.
            ReferenceImplementation reference = new ReferenceImplementation();
            WorkflowImplementation broken = delegating(reference, reference.capabilities(),
                    options -> without(options, RunOptions.HUB_ENDPOINT));

            List<ContractCheck> failed = suite.run(broken, SuiteSettings.runOptions()).stream()
                    .filter(c -> c.status() != ContractCheck.Status.PASSED).toList();

            assertThat(failed).extracting(ContractCheck::contract).containsOnly("vllm-revision", "ppo-revision",
                    "transformers-revision");
            assertThat(failed).hasSize(16).allSatisfy(c -> assertThat(c.observed()).endsWith(
                    "; no witness: the hub was not asked for conformance/tiny-llm"));
        }

        /** Reads adapter URLs from the offline mirror it is also given, and says it fetches them through the URL server. */
        private WorkflowImplementation recordsAdapterUrlsWithoutFetching() {
            ReferenceImplementation reference = new ReferenceImplementation();
            return delegating(reference, reference.capabilities(), options -> without(options, RunOptions.URL_ENDPOINT));
        }

        @Test
        void recordingAnAdapterUrlWithoutFetchingItFailsEveryUrlCaseOnTheMissingWitness() {
            List<ContractCheck> failed = suite.run(recordsAdapterUrlsWithoutFetching(), SuiteSettings.runOptions()).stream()
                    .filter(c -> c.status() != ContractCheck.Status.PASSED).toList();

            assertThat(failed.stream().map(ContractCheck::id).sorted().toList()).containsExactlyElementsOf(cases(
                    "adapter-source", "url-first-serves-its-adapter", "url-second-serves-its-adapter", "url-sends-its-headers"));
            assertThat(failed.stream().filter(c -> c.caseName().equals("url-first-serves-its-adapter")).findFirst()
                    .orElseThrow().observed()).endsWith("; no witness: the URL server was not asked for"
                    + " //adapters.conformance.invalid/first/adapter.zip");
        }

        @Test
        void judgedOnItsTracesAloneAnAdapterRecordedWithoutFetchingPasses() {
            assertThat(failed(judgedOnTracesAlone(recordsAdapterUrlsWithoutFetching()))).isEmpty();
        }

        @Test
        void reportingAdapterHeadersItDidNotSendFailsTheHeadersCaseOnItsWitness() {
            WorkflowImplementation broken = RewritingImplementation.rewriting("drops-adapter-headers", (tree, options) -> {
                for (ObjectNode adapter : RewritingImplementation.mappings(tree)) {
                    if (adapter.has("url")) {
                        adapter.remove("headers");
                    }
                }
            }, (template, options, result) -> {
                JsonNode headers = template.path("spec").path("model").path("adapters").path(0).get("headers");
                if (headers == null) {
                    return result;
                }
                Map<String, Object> asked = new java.util.TreeMap<>();
                headers.fields().forEachRemaining(h -> asked.put(h.getKey(), h.getValue().asText()));
                return replaceEffect(result, "lora", "adapters", v -> withEntry(v, "headers", asked));
            });

            List<ContractCheck> failed = suite.run(broken, SuiteSettings.runOptions()).stream()
                    .filter(c -> c.status() != ContractCheck.Status.PASSED).toList();

            assertThat(failed).extracting(ContractCheck::id).containsExactly("contract/adapter-source/url-sends-its-headers");
            assertThat(failed.get(0).observed()).as("the witness: only the client's own Accept came").endsWith(
                    "; witness: the URL server answered GET //adapters.conformance.invalid/with-headers/adapter.zip"
                    + " {accept=*/*} -> 200");
            assertThat(failed.get(0).expected()).endsWith(", and the URL server serving"
                    + " //adapters.conformance.invalid/with-headers/adapter.zip to a request with"
                    + " {authorization=Bearer kit-adapter-token, x-conformance-probe=adapter-headers}");
        }

        @Test
        void agentsDrivingTheEndpointPassTheWitnessedTimeoutCases() {
            List<ContractCheck> witnessed = suite.run(EndpointAgents.enforcingTheTimeout(), SuiteSettings.runOptions()).stream()
                    .filter(c -> c.caseName().startsWith("witnessed-")).toList();

            assertThat(witnessed).extracting(ContractCheck::id).containsExactly(
                    "contract/agent-timeout/witnessed-stall-is-cut-at-the-timeout",
                    "contract/agent-timeout/witnessed-run-in-time-is-read-to-its-end");
            assertThat(witnessed).allSatisfy(c -> assertThat(c.status()).as(c.message()).isEqualTo(ContractCheck.Status.PASSED));
        }

        @Test
        void reportingATimeoutItDidNotEnforceFailsTheStallOnItsWitness() {
            List<ContractCheck> failed = suite.run(EndpointAgents.reportingATimeoutTheyDidNotEnforce(),
                    SuiteSettings.runOptions()).stream().filter(c -> c.status() != ContractCheck.Status.PASSED).toList();

            assertThat(failed).extracting(ContractCheck::id).containsExactly(
                    "contract/agent-timeout/witnessed-stall-is-cut-at-the-timeout");
            assertThat(failed.get(0).observed()).as("the trace's status beside what the endpoint saw")
                    .startsWith("agent/outcome.status = \"timed_out\"; witness: the agent endpoint saw 1 request(s),"
                            + " the first read to its end after ");
        }

        @Test
        void withoutTheAgentBoundaryTheWitnessedTimeoutCasesAreNotRun() {
            assertThat(suite.run(new ReferenceImplementation(), SuiteSettings.runOptions()))
                    .noneMatch(c -> c.caseName().startsWith("witnessed-"));
        }

        private static Object withEntry(Object adapters, String key, Object value) {
            return ((List<?>) adapters).stream().map(a -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                ((Map<?, ?>) a).forEach((k, v) -> copy.put((String) k, v));
                copy.put(key, value);
                return copy;
            }).toList();
        }

        private static WorkflowImplementation judgedOnTracesAlone(WorkflowImplementation implementation) {
            io.flowmesh.conformance.spi.Capabilities declared = implementation.capabilities();
            return delegating(implementation, new io.flowmesh.conformance.spi.Capabilities(declared.taskTypes(),
                    declared.backends(), declared.concurrent()), UnaryOperator.identity());
        }

        /** The implementation with other capabilities, run with rewritten options. */
        private static WorkflowImplementation delegating(WorkflowImplementation implementation,
                io.flowmesh.conformance.spi.Capabilities capabilities, UnaryOperator<RunOptions> options) {
            return new WorkflowImplementation() {
                @Override
                public String name() {
                    return implementation.name();
                }

                @Override
                public String version() {
                    return implementation.version();
                }

                @Override
                public io.flowmesh.conformance.spi.Capabilities capabilities() {
                    return capabilities;
                }

                @Override
                public io.flowmesh.conformance.spi.ParseResult parse(String yaml, String sourceName) {
                    return implementation.parse(yaml, sourceName);
                }

                @Override
                public RunResult run(String yaml, RunOptions runOptions) {
                    return implementation.run(yaml, options.apply(runOptions));
                }
            };
        }

        private static RunOptions without(RunOptions options, String key) {
            Map<String, String> settings = new HashMap<>(options.settings());
            settings.remove(key);
            return new RunOptions(settings);
        }
    }

    @Nested
    class AgentTimeout {

        @Test
        void boundingOnlyTheTailOfTheRunFailsEveryStall() {
            // Upstream's bug: the timeout wrapped only the wait for the final answer, never the stream.
            WorkflowImplementation broken = RewritingImplementation.rewritingResults("tail-only-timeout",
                    ContractSensitivityTest::tailOnlyOutcomes);

            assertThat(failed(broken)).containsExactlyElementsOf(cases("agent-timeout", "absent-cuts-at-600",
                    "every-batch-item-is-bounded", "stalled-stream-is-cut"));
        }

        @Test
        void cappingTheTimeoutAtUpstreams600FailsTheLongTimeoutCase() {
            WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("capped-at-600", tree -> {
                JsonNode agent = tree.path("spec").path("agent");
                if (agent instanceof ObjectNode a && a.path("timeout").isIntegralNumber() && a.get("timeout").longValue() > 600) {
                    a.put("timeout", 600);
                }
            });

            assertThat(failed(broken)).containsExactlyElementsOf(cases("agent-timeout", "above-600-is-honoured"));
        }

        @Test
        void aDefaultOf300FailsTheDefaultCases() {
            WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("default-300", tree -> {
                if (tree.path("spec").get("agent") instanceof ObjectNode agent && !agent.has("timeout")) {
                    agent.put("timeout", 300);
                }
            });

            assertThat(failed(broken)).containsExactlyElementsOf(cases("agent-timeout", "absent-cuts-at-600",
                    "absent-means-600"));
        }

        @Test
        void swappedRetryFlagsFailTheCutCases() {
            WorkflowImplementation broken = RewritingImplementation.rewritingTraces("swapped-retryable", effects ->
                    replace(effects, "agent", "outcome", ContractSensitivityTest::flipRetryable));

            assertThat(failed(broken)).containsExactlyElementsOf(cases("agent-timeout", "absent-cuts-at-600",
                    "every-batch-item-is-bounded", "stalled-stream-is-cut"));
        }

        @Test
        void coercingTheTimeoutToAnIntegerFailsTheTypeCases() {
            WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("lax-timeout", tree -> {
                if (tree.path("spec").get("agent") instanceof ObjectNode agent && agent.has("timeout")) {
                    JsonNode t = agent.get("timeout");
                    if (t.isBoolean()) {
                        agent.put("timeout", t.booleanValue() ? 1 : 0);
                    } else if (t.isFloatingPointNumber()) {
                        agent.put("timeout", (long) t.doubleValue());
                    } else if (t.isTextual() && t.textValue().matches("\\d+")) {
                        agent.put("timeout", Long.parseLong(t.textValue()));
                    }
                }
            });

            assertThat(failed(broken)).containsExactlyElementsOf(cases("agent-timeout", "boolean-is-refused",
                    "float-is-refused", "string-is-refused"));
        }
    }

    @Nested
    class Adapters {

        @Test
        void anAdapterCacheKeyedByFileNameFailsTheSecondUrl() {
            // Every URL ends in adapter.zip: a cache keyed by the name serves the first adapter for all of them.
            Map<String, Object> cache = new HashMap<>();
            WorkflowImplementation broken = RewritingImplementation.rewritingResults("cache-by-file-name",
                    (template, options, result) -> {
                        JsonNode adapters = template.path("spec").path("model").path("adapters");
                        if (adapters.size() != 1 || !adapters.get(0).has("url")) {
                            return result;
                        }
                        String url = adapters.get(0).get("url").asText();
                        String fileName = url.substring(url.lastIndexOf('/') + 1);
                        Object first = cache.computeIfAbsent(fileName, k -> adapterHash(result));
                        return replaceEffect(result, "lora", "adapters", v -> withHash(v, first));
                    });

            assertThat(failed(broken)).containsExactlyElementsOf(cases("adapter-source", "url-second-serves-its-adapter",
                    "url-sends-its-headers"));
        }

        @Test
        void aLoraTrainerThatDropsAlphaFailsTheTaskIdCase() {
            WorkflowImplementation broken = RewritingImplementation.rewritingTemplates("drops-lora-alpha", tree -> {
                for (ObjectNode lora : RewritingImplementation.mappings(tree)) {
                    if (lora.has("r") && lora.has("alpha")) {
                        lora.remove("alpha");
                    }
                }
            });

            assertThat(failed(broken)).containsExactlyElementsOf(cases("adapter-source", "task-id-resolves-the-trained-adapter"));
        }

        @Test
        void anIdentityTakenFromTheSourceStringFailsEveryAdapterCase() {
            WorkflowImplementation broken = RewritingImplementation.rewritingResults("identity-from-source",
                    (template, options, result) -> {
                        JsonNode adapter = template.path("spec").path("model").path("adapters").path(0);
                        if (adapter.isMissingNode()) {
                            return result;
                        }
                        String source = adapter.has("url") ? adapter.get("url").asText() : adapter.path("path").asText();
                        return replaceEffect(result, "lora", "adapters", v -> withHash(v, sha256(source)));
                    });

            assertThat(failed(broken)).containsExactlyElementsOf(cases("adapter-source", "path-directory",
                    "path-tar-archive", "url-first-serves-its-adapter", "url-second-serves-its-adapter",
                    "url-sends-its-headers"));
        }
    }

    @Nested
    class KeepValues {

        @Test
        void refusingALocalModelSourceFailsTheSourceTypeRow() {
            WorkflowImplementation broken = RewritingImplementation.rewritingResults("refuses-local-source",
                    (template, options, result) -> "local".equals(template.path("spec").path("model").path("source")
                            .path("type").asText()) ? new RunResult.Rejected(List.of(new Diagnostic("template",
                                    "/spec/model/source/identifier", 0, 0, "execute.model-resolution",
                                    "no such local path")), List.of()) : result);

            assertThat(failed(broken)).containsExactlyElementsOf(cases("keep-values", "model-source-type-accepts-every-value"));
        }

        @Test
        void dispatchingOnKindFailsTheKindRow() {
            WorkflowImplementation broken = RewritingImplementation.rewritingResults("dispatches-on-kind",
                    (template, options, result) -> "BatchInferenceTask".equals(template.path("kind").asText())
                            && result instanceof RunResult.Completed completed
                            ? new RunResult.Completed(new EffectTrace(append(completed.trace().effects(),
                                    new Effect("scheduler", "queue", "batch"))), completed.warnings())
                            : result);

            assertThat(failed(broken)).containsExactlyElementsOf(cases("keep-values", "kind-accepts-every-value"));
        }
    }

    // ---- helpers that plant the bugs ---------------------------------------------------------------

    private static List<ObjectNode> training(ObjectNode tree) {
        return RewritingImplementation.mappings(tree).stream().filter(m -> m.has("learning_rate")).toList();
    }

    private static List<Effect> replace(List<Effect> effects, String channel, String name, UnaryOperator<Object> change) {
        List<Effect> out = new ArrayList<>();
        for (Effect e : effects) {
            boolean hit = e.channel().equals(channel) && e.key().endsWith("/" + name);
            out.add(hit ? new Effect(e.channel(), e.key(), change.apply(e.value())) : e);
        }
        return out;
    }

    private static RunResult replaceEffect(RunResult result, String channel, String name, UnaryOperator<Object> change) {
        if (!(result instanceof RunResult.Completed completed)) {
            return result;
        }
        return new RunResult.Completed(new EffectTrace(replace(completed.trace().effects(), channel, name, change)),
                completed.warnings());
    }

    private static RunResult removeEffect(RunResult result, String channel, String name) {
        if (!(result instanceof RunResult.Completed completed)) {
            return result;
        }
        List<Effect> kept = completed.trace().effects().stream()
                .filter(e -> !(e.channel().equals(channel) && e.key().endsWith("/" + name))).toList();
        return new RunResult.Completed(new EffectTrace(kept), completed.warnings());
    }

    private static List<Effect> append(List<Effect> effects, Effect extra) {
        List<Effect> out = new ArrayList<>(effects);
        out.add(extra);
        return out;
    }

    private static boolean knownRevision(RunOptions options, String identifier, String revision) {
        Path model = Path.of(options.get(RunOptions.MODEL_STORE).orElseThrow()).resolve("models--" + identifier.replace("/", "--"));
        return Files.isRegularFile(model.resolve("refs").resolve(revision)) || Files.isDirectory(model.resolve("snapshots").resolve(revision));
    }

    private static Object flipRetryable(Object outcome) {
        if (outcome instanceof List<?> items) {
            return items.stream().map(ContractSensitivityTest::flipRetryable).toList();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<?, ?>) outcome).forEach((k, v) -> copy.put((String) k, v));
        if ("timed_out".equals(copy.get("status"))) {
            copy.put("retryable", !Boolean.TRUE.equals(copy.get("retryable")));
        }
        return copy;
    }

    /** Re-runs every scripted agent with the timeout bounding only the wait after its last event. */
    private static RunResult tailOnlyOutcomes(JsonNode template, RunOptions options, RunResult result) {
        if (options.get(RunOptions.AGENT_SCRIPTS).isEmpty() || !template.path("spec").has("agent")) {
            return result;
        }
        JsonNode scripts;
        try {
            scripts = new ObjectMapper().readTree(Files.readString(Path.of(options.get(RunOptions.AGENT_SCRIPTS).get()),
                    StandardCharsets.UTF_8)).get("scripts");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode agent = template.path("spec").path("agent");
        long timeout = agent.path("timeout").isIntegralNumber() ? agent.get("timeout").longValue() : 600;
        JsonNode batch = agent.path("batch");
        if (batch.isArray()) {
            List<Object> items = new ArrayList<>();
            batch.forEach(task -> items.add(tailOnly(scripts, task.asText(), timeout, false)));
            return replaceEffect(result, "agent", "outcome", v -> items);
        }
        return replaceEffect(result, "agent", "outcome", v -> tailOnly(scripts, template.path("spec").path("task").asText(),
                timeout, true));
    }

    private static Map<String, Object> tailOnly(JsonNode scripts, String task, long timeout, boolean single) {
        for (JsonNode script : scripts) {
            if (script.get("task").asText().equals(task)) {
                JsonNode events = script.get("events");
                long last = events.get(events.size() - 1).get("at_seconds").longValue();
                long finish = script.get("finish_at_seconds").longValue();
                boolean cut = finish - last > timeout;
                Map<String, Object> outcome = new LinkedHashMap<>();
                outcome.put("status", cut ? "timed_out" : "completed");
                outcome.put("elapsed_seconds", cut ? last + timeout : finish);
                outcome.put("events", (long) events.size());
                outcome.put("retryable", cut && single);
                return outcome;
            }
        }
        throw new IllegalStateException("no script for " + task);
    }

    private static Object adapterHash(RunResult result) {
        return ((Map<?, ?>) ((List<?>) ((RunResult.Completed) result).trace().effects().stream()
                .filter(e -> e.channel().equals("lora")).findFirst().orElseThrow().value()).get(0)).get("config_sha256");
    }

    private static Object withHash(Object adapters, Object hash) {
        List<Object> out = new ArrayList<>();
        for (Object adapter : (List<?>) adapters) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<?, ?>) adapter).forEach((k, v) -> copy.put((String) k, v));
            copy.put("config_sha256", hash);
            out.add(copy);
        }
        return out;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
