package io.flowmesh.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowmesh.conformance.audit.AuditFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {

    @TempDir
    Path dir;

    private AuditReport report;
    private JsonNode json;

    @BeforeEach
    void writeAndReadBack() throws Exception {
        report = AuditFixture.report(dir);
        json = new ObjectMapper().readTree(JsonReport.write(report));
    }

    @Test
    void theSummaryCarriesTheTotals() {
        JsonNode summary = json.path("summary");

        assertThat(summary.path("templates").intValue()).as("summary.templates").isEqualTo(3);
        assertThat(summary.path("fields").intValue()).as("summary.fields").isEqualTo(8);
        assertThat(summary.path("probes").intValue()).as("summary.probes").isEqualTo(18);
        assertThat(summary.path("passed").intValue()).as("summary.passed").isEqualTo(25);
        assertThat(summary.path("failed").intValue()).as("summary.failed").isEqualTo(3);
        assertThat(summary.path("skipped").intValue()).as("summary.skipped").isEqualTo(1);
        assertThat(summary.path("conformant").isBoolean()).as("summary.conformant is a boolean").isTrue();
        assertThat(summary.path("conformant").booleanValue()).isFalse();
    }

    @Test
    void eachTemplateHasItsFileValidityDiagnosticsAndFields() {
        JsonNode templates = json.path("templates");

        assertThat(templates.size()).isEqualTo(3);
        JsonNode alpha = templates.get(0);
        assertThat(alpha.path("file").textValue()).isEqualTo("alpha.yaml");
        assertThat(alpha.path("valid").booleanValue()).isTrue();
        assertThat(alpha.path("violations").isArray()).as("violations is an array even when empty").isTrue();
        assertThat(alpha.path("violations").size()).isZero();
        assertThat(alpha.path("warnings").isArray()).isTrue();
        assertThat(alpha.path("fields").size()).as("alpha's probe checks").isEqualTo(11);
        assertThat(alpha.path("fields")).allSatisfy(field -> assertThat(field.fieldNames()).toIterable()
                .as("keys of a field entry").contains("pointer", "classificationId", "treatment", "probe", "verdict",
                        "changed", "pass", "reason"));
    }

    @Test
    void aFieldEntryCarriesTheProbeAndItsEvidence() {
        JsonNode speed = field("alpha.yaml", "/spec/speed", "perturb: 3 -> 7");

        assertThat(speed.path("classificationId").textValue()).isEqualTo("spec-speed");
        assertThat(speed.path("treatment").textValue()).isEqualTo("support");
        assertThat(speed.path("verdict").textValue()).isEqualTo("EFFECT");
        assertThat(speed.path("pass").booleanValue()).isTrue();
        JsonNode changed = speed.path("changed");
        assertThat(changed.size()).isEqualTo(1);
        assertThat(changed.get(0).path("channel").textValue()).isEqualTo("fake");
        assertThat(changed.get(0).path("key").textValue()).isEqualTo("/spec/speed");
        assertThat(changed.get(0).path("before").textValue()).isEqualTo("3");
        assertThat(changed.get(0).path("after").textValue()).isEqualTo("7");
    }

    @Test
    void anUnclassifiedFieldHasNullClassificationAndTheNoOpReason() {
        JsonNode colour = field("alpha.yaml", "/spec/colour", "remove");

        assertThat(colour.path("classificationId").isNull()).as("classificationId is an explicit null").isTrue();
        assertThat(colour.path("treatment").isNull()).isTrue();
        assertThat(colour.path("verdict").textValue()).isEqualTo("NO_EFFECT");
        assertThat(colour.path("changed").size()).isZero();
        assertThat(colour.path("pass").booleanValue()).isFalse();
        assertThat(colour.path("reason").textValue()).contains("undocumented no-op");
    }

    @Test
    void aSkippedTemplateSaysWhy() {
        JsonNode gamma = json.path("templates").get(2);

        assertThat(gamma.path("file").textValue()).isEqualTo("gamma.yaml");
        assertThat(gamma.path("skipped").textValue()).contains("gpu-only");
        assertThat(gamma.path("fields").size()).isZero();
    }

    @Test
    void theRowTableSaysWhichRowsWereMeasured() {
        JsonNode rows = json.path("rows");

        assertThat(rows.size()).isEqualTo(4);
        assertThat(rows.get(3).path("id").textValue()).isEqualTo("spec-never");
        assertThat(rows.get(3).path("measured").booleanValue()).isFalse();
        assertThat(rows.get(2).path("id").textValue()).isEqualTo("spec-replicas");
        assertThat(rows.get(2).path("injections").intValue()).isEqualTo(2);
    }

    @Test
    void theSameReportGivesTheSameText() {
        assertThat(JsonReport.write(report)).isEqualTo(JsonReport.write(report));
    }

    private JsonNode field(String file, String pointer, String probe) {
        for (JsonNode template : json.path("templates")) {
            if (template.path("file").textValue().equals(file)) {
                for (JsonNode field : template.path("fields")) {
                    if (field.path("pointer").textValue().equals(pointer) && field.path("probe").textValue().equals(probe)) {
                        return field;
                    }
                }
            }
        }
        throw new AssertionError("no field " + pointer + " (" + probe + ") in " + file);
    }
}
