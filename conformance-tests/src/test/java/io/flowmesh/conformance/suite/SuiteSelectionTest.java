package io.flowmesh.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.flowmesh.conformance.audit.AuditFixture;
import io.flowmesh.conformance.audit.AuditInputException;
import io.flowmesh.conformance.audit.Selection;
import io.flowmesh.conformance.audit.Template;
import io.flowmesh.conformance.audit.TemplateCorpus;
import io.flowmesh.conformance.classification.Classification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite's selection through {@value SuiteSettings#ONLY} and {@value SuiteSettings#ONLY_FAILED}. */
class SuiteSelectionTest {

    @TempDir
    Path dir;

    private List<Template> templates;
    private Classification classification;

    @BeforeEach
    void load() throws Exception {
        templates = TemplateCorpus.load(AuditFixture.writeTemplates(dir));
        classification = AuditFixture.classification();
    }

    @AfterEach
    void clear() {
        System.clearProperty(SuiteSettings.ONLY);
        System.clearProperty(SuiteSettings.ONLY_FAILED);
    }

    @Test
    void unsetSelectsEveryCheck() throws Exception {
        assertThat(SuiteSettings.selection(templates, classification).isAll()).isTrue();
    }

    @Test
    void onlyTakesIdsAndGlobsSeparatedByCommasOrSpaces() throws Exception {
        System.setProperty(SuiteSettings.ONLY, "alpha/spec/speed/*, beta/valid gamma/runs");

        Selection selection = SuiteSettings.selection(templates, classification);

        assertThat(selection.ids()).containsExactly("alpha/spec/speed/perturb", "alpha/spec/speed/remove", "beta/valid",
                "gamma/runs");
        assertThat(selection.how()).contains("-Dconformance.only=alpha/spec/speed/*, beta/valid gamma/runs");
    }

    @Test
    void onlyFailedTakesTheFailuresOfAReport() throws Exception {
        Path report = Files.writeString(dir.resolve("report.json"), "{\"templates\": [{\"file\": \"alpha.yaml\", \"checks\":"
                + " [], \"fields\": [{\"id\": \"alpha/spec/colour/remove\", \"pass\": false}, {\"id\":"
                + " \"alpha/kind/remove\", \"pass\": true}]}], \"contracts\": [], \"classificationChecks\": []}");
        System.setProperty(SuiteSettings.ONLY_FAILED, report.toString());

        assertThat(SuiteSettings.selection(templates, classification).ids()).containsExactly("alpha/spec/colour/remove");
    }

    @Test
    void bothAtOnceIsAnInputError() {
        System.setProperty(SuiteSettings.ONLY, "beta/valid");
        System.setProperty(SuiteSettings.ONLY_FAILED, "report.json");

        assertThatThrownBy(() -> SuiteSettings.selection(templates, classification)).isInstanceOf(AuditInputException.class)
                .hasMessage("-Dconformance.only and -Dconformance.onlyFailed select in two ways; set one of them");
    }

    @Test
    void aPatternMatchingNothingNamesTheProperty() {
        System.setProperty(SuiteSettings.ONLY, "delta/**");

        assertThatThrownBy(() -> SuiteSettings.selection(templates, classification)).isInstanceOf(AuditInputException.class)
                .hasMessageStartingWith("-Dconformance.only=delta/**: 'delta/**' matches no check of this audit");
    }
}
