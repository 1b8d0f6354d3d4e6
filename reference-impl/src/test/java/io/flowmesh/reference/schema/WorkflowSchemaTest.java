package io.flowmesh.reference.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

class WorkflowSchemaTest {

    private static final WorkflowSchema SCHEMA = new WorkflowSchema();
    private static final YAMLMapper YAML = new YAMLMapper();

    private static List<SchemaViolation> validate(String yaml) throws Exception {
        return SCHEMA.validate(YAML.readTree(yaml));
    }

    private static String echoWith(String specExtra) {
        return withTaskType("echo", specExtra);
    }

    private static String withTaskType(String taskType, String specExtra) {
        return "apiVersion: flowmesh/v1\nkind: Task\nmetadata: {name: e}\nspec:\n  taskType: " + taskType + "\n"
                + specExtra.indent(2);
    }

    @Test
    void theSchemaIsAValidDraft202012Schema() throws Exception {
        JsonNode schemaTree;
        try (InputStream in = WorkflowSchema.class.getResourceAsStream(WorkflowSchema.RESOURCE)) {
            schemaTree = new ObjectMapper().readTree(in);
        }
        Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        assertThat(metaSchema.validate(schemaTree)).as("meta-schema errors").isEmpty();
        assertThat(schemaTree.path("$id").asText()).as("$id: a name that promises no web location an editor would fetch")
                .isEqualTo("urn:flowmesh:schema:workflow-template");
        assertThat(schemaTree.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void aTextIsValidatedAsItsTreeIsAndATextSeenBeforeIsNotReadAgain() throws Exception {
        WorkflowSchema schema = new WorkflowSchema();
        String text = "apiVersion: flowmesh/v1\nkind: EchoTask\nmetadata: {name: e}\nspec: {taskType: echo}\nstatus: {}\n";
        int[] reads = new int[1];
        java.util.function.Supplier<JsonNode> reader = () -> {
            reads[0]++;
            try {
                return YAML.readTree(text);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        List<SchemaViolation> byText = schema.validate(text, reader);
        assertThat(byText).as("the text's violations, as its tree's").isEqualTo(SCHEMA.validate(YAML.readTree(text)))
                .isNotEmpty();
        assertThat(schema.validate(text, reader)).isEqualTo(byText);
        assertThat(reads[0]).as("trees read for two validations of one text").isEqualTo(1);
        assertThat(schema.validate(text.replace("status: {}\n", ""), reader))
                .as("another text is validated anew, here the tree the reader gives").isEqualTo(byText);
        assertThat(reads[0]).isEqualTo(2);
    }

    @Test
    void acceptsAMinimalTemplate() throws Exception {
        assertThat(validate(echoWith(""))).isEmpty();
    }

    @Test
    void namesTheAllowedKeysOfAnUnknownEnvelopeKey() throws Exception {
        assertThat(validate("apiVersion: flowmesh/v1\nkind: EchoTask\nmetadata: {name: e}\nspec: {taskType: echo}\nstatus: {}\n"))
                .containsExactly(new SchemaViolation("/status", "schema.unknown-key",
                        "unknown key 'status' (allowed: apiVersion, kind, metadata, spec)"));
    }

    @Test
    void reportsMissingEnvelopeFieldsAtTheRoot() throws Exception {
        assertThat(validate("apiVersion: flowmesh/v1\nspec: {taskType: echo}\n"))
                .containsExactly(new SchemaViolation("", "schema.required", "missing required property 'kind'"));
    }

    @Test
    void acceptsMetadataProject() throws Exception {
        assertThat(validate("apiVersion: flowmesh/v1\nkind: AgentTask\nmetadata: {name: a, owner: o, project: p}\n"
                + "spec: {taskType: agent, configName: c, task: t}\n")).isEmpty();
    }

    @Test
    void leavesAgentTimeoutToTheExecutor() throws Exception {
        assertThat(validate(withTaskType("agent", "agent: {timeout: soon}"))).as("agent.timeout is not typed by the schema")
                .isEmpty();
    }

    @Test
    void acceptsLegacyFieldsSoTheParserCanWarn() throws Exception {
        assertThat(validate(withTaskType("inference",
                "sloSeconds: 15\nparallel: {enabled: true, max_shards: 2}\nresources: {replicas: 1}"))).isEmpty();
        assertThat(validate(withTaskType("inference", "parallel: {workers: 2}")))
                .containsExactly(new SchemaViolation("/spec/parallel/workers", "schema.unknown-key",
                        "unknown key 'workers' (allowed: enabled, max_shards)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"16Gi", "16GiB", "512Mi", "64G", "16GB", "512mb", "2 Ti", "1024"})
    void acceptsMemoryQuantities(String quantity) throws Exception {
        assertThat(validate(echoWith("resources: {hardware: {memory: \"" + quantity + "\", gpu: {memory: \"" + quantity + "\"}}}")))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu: \"16\"", "cpu: 16", "cpu: \"500m\"", "cpu: \"0.5\""})
    void acceptsCpuAsStringOrNumber(String cpu) throws Exception {
        assertThat(validate(echoWith("resources: {hardware: {" + cpu + "}}"))).isEmpty();
    }

    @Test
    void reportsOneLinePerBadCpu() throws Exception {
        assertThat(validate(echoWith("resources: {hardware: {cpu: true}}")))
                .containsExactly(new SchemaViolation("/spec/resources/hardware/cpu", "schema.type",
                        "expected string or number, found boolean"));
        assertThat(validate(echoWith("resources: {hardware: {cpu: lots}}")))
                .singleElement().satisfies(v -> {
                    assertThat(v.keyword()).isEqualTo("schema.pattern");
                    assertThat(v.message()).startsWith("'lots' does not match");
                });
    }

    @Test
    void namesEnumMembers() throws Exception {
        assertThat(validate(echoWith("shard: {count: 2, strategy: random}")))
                .containsExactly(new SchemaViolation("/spec/shard/strategy", "schema.enum",
                        "must be one of 'contiguous' or 'round_robin', found 'random'"));
    }

    @Test
    void keepsOpenSectionsOpenButObjects() throws Exception {
        assertThat(validate(withTaskType("diffusion",
                "inference: {anything: [1, {x: y}]}\nmodel: {source: {identifier: m}, vllm: {whatever: 1}}"))).isEmpty();
        assertThat(validate(withTaskType("diffusion", "inference: 3")))
                .containsExactly(new SchemaViolation("/spec/inference", "schema.type", "expected object, found integer"));
    }

    @Test
    void leavesAWorkflowsSharedSpecToTheMergeButChecksItsNodes() throws Exception {
        List<SchemaViolation> violations = validate("apiVersion: flowmesh/v1\nkind: Workflow\nmetadata: {name: w}\n"
                + "spec:\n  anything: 1\n  stages:\n    - name: Stage_1\n      spec: {taskType: echo}\n    - retries: 2\n");

        assertThat(violations).containsExactly(new SchemaViolation("/spec/stages/1/retries", "schema.unknown-key",
                "unknown key 'retries' (allowed: name, id, spec, dependsOn)"));
    }

    @Test
    void anAdapterTypeApplyAndArchiveFormatAreAnyString() throws Exception {
        assertThat(validate(withTaskType("inference",
                "model:\n  source: {identifier: m}\n  adapters:\n    - {type: qlora, path: /a, apply: later, archive_format: rar}")))
                .isEmpty();
    }

    @Test
    void namesTheFieldsOfTheTaskTypeWhenAKeyBelongsToAnother() throws Exception {
        assertThat(validate(echoWith("training: {}"))).containsExactly(new SchemaViolation("/spec/training",
                "schema.unknown-key", "unknown key 'training' (allowed: taskType, resources, output, dependsOn, condition,"
                        + " shard, data)"));
    }

    @Test
    void validatesDeterministically() throws Exception {
        ObjectNode tree = (ObjectNode) YAML.readTree(echoWith("kind2: x\nshard: {count: 0}\nresources: {hardware: {cpu: x}}"));

        assertThat(SCHEMA.validate(tree)).isEqualTo(SCHEMA.validate(tree.deepCopy())).hasSize(3);
    }
}
