package io.flowmesh.reference.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowmesh.conformance.audit.Audit;
import io.flowmesh.conformance.audit.Template;
import io.flowmesh.conformance.audit.TemplateCorpus;
import io.flowmesh.conformance.classification.ClassificationLoader;
import io.flowmesh.conformance.probe.TraceJson;
import io.flowmesh.conformance.process.ProcessImplementation;
import io.flowmesh.conformance.process.ProcessLimits;
import io.flowmesh.conformance.process.ProcessPool;
import io.flowmesh.conformance.process.ProcessServer;
import io.flowmesh.conformance.process.ProtocolException;
import io.flowmesh.conformance.report.AuditReport;
import io.flowmesh.conformance.report.JsonReport;
import io.flowmesh.conformance.spi.ParseResult;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.conformance.suite.SuiteSettings;
import io.flowmesh.reference.ReferenceImplementation;
import io.flowmesh.reference.ReferenceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The process protocol end to end: the reference as a process answers exactly as the reference in-process. */
class ReferenceProcessTest {

    private static final List<String> FILES = List.of("vllm_revision_pinned.yaml", "ppo_llama_1b.yaml",
            "agent_batch_triage.yaml", "lora_sft_then_inference.yaml", "dag_graph_diamond.yaml");

    private static ProcessImplementation process;
    private static final ReferenceImplementation inProcess = new ReferenceImplementation();

    @BeforeAll
    static void start() {
        process = new ProcessImplementation(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReferenceProcess.class.getName()));
    }

    @AfterAll
    static void stop() {
        process.close();
    }

    @Test
    void theProcessDescribesItselfAsTheReference() {
        assertThat(process.name()).isEqualTo("reference");
        assertThat(process.version()).isEqualTo(ReferenceImplementation.VERSION);
        assertThat(process.capabilities().taskTypes()).isEqualTo(inProcess.capabilities().taskTypes());
        assertThat(process.capabilities().backends()).isEqualTo(inProcess.capabilities().backends());
        assertThat(process.capabilities().concurrent()).as("one process answers one request at a time").isFalse();
        assertThat(process.capabilities().witnessed()).as("witnessed boundaries, over the wire")
                .isEqualTo(inProcess.capabilities().witnessed()).contains("hub", "urls");
    }

    @Test
    void theHubEndpointReachesTheProcessWhichFetchesThroughItAndKeepsItOutOfTheTrace() throws Exception {
        Template pinned = templates().stream().filter(t -> t.file().endsWith("vllm_revision_pinned.yaml")).findFirst()
                .orElseThrow();
        RunOptions options = SuiteSettings.runOptions();
        RunResult fromTheFolder = inProcess.run(pinned.yaml(), options);
        RunResult throughTheHub;
        io.flowmesh.conformance.witness.Witness witness;
        try (io.flowmesh.conformance.witness.WitnessServer server = io.flowmesh.conformance.witness.WitnessServer.start()) {
            io.flowmesh.conformance.witness.WitnessServer.Run run = server.open(Path.of(options.get(RunOptions.MODEL_STORE)
                    .orElseThrow()));
            throughTheHub = process.run(pinned.yaml(), options.with(RunOptions.HUB_ENDPOINT, run.hubEndpoint()));
            witness = run.finish();
        }

        assertThat(TraceJson.write(((RunResult.Completed) throughTheHub).trace())).as("the trace, through the hub")
                .isEqualTo(TraceJson.write(((RunResult.Completed) fromTheFolder).trace()));
        assertThat(witness.hub()).as("what the process asked the hub").isNotEmpty()
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        String model = witness.hub().get(0).repo();
        Object commit = ((RunResult.Completed) throughTheHub).trace().effects().stream()
                .filter(e -> e.channel().equals("vllm.engine") && e.key().endsWith("/resolved_commit")).findFirst()
                .orElseThrow().value();
        assertThat(witness.filesServedAt(model)).as("commits the hub served files of").contains((String) commit);
    }

    @Test
    void parseAndRunGiveWhatTheReferenceGivesInProcess() throws Exception {
        RunOptions options = SuiteSettings.runOptions();
        for (Template template : templates()) {
            ParseResult parsed = process.parse(template.yaml(), template.file());
            assertThat(parsed).as("parse of %s", template.file()).isEqualTo(inProcess.parse(template.yaml(), template.file()));
            RunResult remote = process.run(template.yaml(), options);
            RunResult local = inProcess.run(template.yaml(), options);
            assertThat(remote).as("run of %s", template.file()).isInstanceOf(RunResult.Completed.class);
            assertThat(TraceJson.write(((RunResult.Completed) remote).trace())).as("trace of %s", template.file())
                    .isEqualTo(TraceJson.write(((RunResult.Completed) local).trace()));
        }
    }

    @Test
    void aRefusedTemplateComesBackWithItsLocatedViolations() {
        RunResult result = process.run("apiVersion: flowmesh/v1\nkind: EchoTask\nmetadata: {name: x, colour: red}\n"
                + "spec: {taskType: echo}\n", SuiteSettings.runOptions());
        assertThat(result).isInstanceOfSatisfying(RunResult.Rejected.class, rejected ->
                assertThat(rejected.violations()).singleElement().satisfies(v -> {
                    assertThat(v.pointer()).isEqualTo("/metadata/colour");
                    assertThat(v.line()).isEqualTo(3);
                    assertThat(v.code()).isEqualTo("schema.unknown-key");
                }));
    }

    @Test
    void theAuditThroughTheProcessEqualsTheAuditInProcess() throws Exception {
        var classification = ClassificationLoader.load(SuiteSettings.classification());
        List<Template> templates = templates().subList(0, 2);
        AuditReport remote = new Audit(process, classification, SuiteSettings.runOptions()).run(templates);
        AuditReport local = new Audit(inProcess, classification, SuiteSettings.runOptions()).run(templates);
        assertThat(remote.summary()).isEqualTo(local.summary());
        assertThat(remote.summary().probes()).isPositive();
    }

    @Test
    void anAuditOnTwoProcessesAtOnceReportsByteForByteWhatOneProcessReports() throws Exception {
        var classification = ClassificationLoader.load(SuiteSettings.classification());
        List<Template> templates = templates().subList(0, 3);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReferenceProcess.class.getName());
        try (ProcessPool pool = new ProcessPool(command, ProcessLimits.fromSystemProperties(), 2)) {
            AuditReport serial = new Audit(process, classification, SuiteSettings.runOptions()).run(templates);
            AuditReport pooled = new Audit(pool, classification, SuiteSettings.runOptions()).inParallel(2).run(templates);

            assertThat(JsonReport.write(pooled)).isEqualTo(JsonReport.write(serial));
            assertThat(pool.processes()).as("processes the pool started").isEqualTo(2);
        }
    }

    @Test
    void aProcessThatDoesNotSpeakTheProtocolIsReportedWithItsStderr() {
        List<String> notAServer = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version");
        assertThatThrownBy(() -> new ProcessImplementation(notAServer))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("(exited with 0) broke the protocol on request 1 ('describe'): it closed its output before"
                        + " answering; its stderr ends: ")
                .hasMessageContaining("its stderr ends:")
                .hasMessageContaining("version");
    }

    @Test
    void theServerAnswersBadRequestsWithErrorsAndKeepsServing() throws Exception {
        String input = "not json\n{\"id\":2,\"method\":\"frobnicate\"}\n{\"id\":3,\"method\":\"describe\"}\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProcessServer.serve(inProcess, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
        List<JsonNode> answers = out.toString(StandardCharsets.UTF_8).lines().map(ReferenceProcessTest::json).toList();
        assertThat(answers).hasSize(3);
        assertThat(answers.get(0).at("/error/message").asText()).startsWith("the request is not JSON");
        assertThat(answers.get(1).at("/error/message").asText()).contains("unknown method 'frobnicate'");
        assertThat(answers.get(2).at("/id").asLong()).isEqualTo(3);
        assertThat(answers.get(2).at("/result/name").asText()).isEqualTo("reference");
    }

    private static List<Template> templates() throws Exception {
        return TemplateCorpus.load(SuiteSettings.templates()).stream().filter(t -> FILES.contains(t.file())).toList();
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
