package io.flowmesh.reference.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.flowmesh.conformance.spi.Diagnostic;

/**
 * The RFC's guardrail: every template in {@code templates/} parses with no violation and no warning.
 * A failure lists each finding as {@code file:line:column: /pointer: message [code]}.
 */
class TemplatesGuardrailTest {

    private static final WorkflowParser PARSER = new WorkflowParser();

    static List<Path> templates() {
        Path folder = repositoryRoot().resolve("templates");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void thereAreTemplatesToCheck() {
        assertThat(templates()).as("templates/*.yaml under %s (the guardrail must not pass vacuously)",
                repositoryRoot()).isNotEmpty();
    }

    // With no template, thereAreTemplatesToCheck fails; this one need not fail a second time.
    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("templates")
    void templateParsesWithoutViolationsOrWarnings(Path template) throws IOException {
        String source = repositoryRoot().relativize(template).toString();

        ParseOutcome outcome = PARSER.parse(Files.readString(template, StandardCharsets.UTF_8), source);

        List<Diagnostic> findings = new ArrayList<>();
        if (outcome instanceof ParseOutcome.Invalid invalid) {
            findings.addAll(invalid.violations());
        }
        findings.addAll(outcome.warnings());
        assertThat(findings).as("findings in %s:%n%s", source,
                findings.stream().map(Diagnostic::format).collect(Collectors.joining(System.lineSeparator())))
                .isEmpty();
        assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
    }

    // The published schema, as an editor or a stand-alone draft 2020-12 validator reads it: every bundled
    // template points at it and passes it, with no help from the parser's own code.
    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("templates")
    void templatePointsEditorsAtThePublishedSchemaAndPassesIt(Path template) throws IOException {
        String text = Files.readString(template, StandardCharsets.UTF_8);
        assertThat(text.lines().findFirst()).as("the first line of %s", template.getFileName())
                .contains("# yaml-language-server: $schema=../schema/workflow.schema.json");
        com.networknt.schema.Schema schema = com.networknt.schema.SchemaRegistry
                .withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(publishedSchema(), StandardCharsets.UTF_8));

        List<com.networknt.schema.Error> errors = schema.validate(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(text));

        assertThat(errors).as("%s against schema/workflow.schema.json", template.getFileName()).isEmpty();
    }

    @Test
    void theParserReadsThePublishedSchemaItself() throws IOException {
        try (var in = WorkflowParser.class.getResourceAsStream(io.flowmesh.reference.schema.WorkflowSchema.RESOURCE)) {
            assertThat(in).as("the schema in the jar").isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .as("the jar's schema is the published file, not a second copy")
                    .isEqualTo(Files.readString(publishedSchema(), StandardCharsets.UTF_8));
        }
    }

    private static Path publishedSchema() {
        return repositoryRoot().resolve("schema/workflow.schema.json");
    }

    /** The configured repository root, else the nearest folder above the working directory with templates/. */
    private static Path repositoryRoot() {
        String configured = System.getProperty("flowmesh.repository.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isDirectory(folder.resolve("templates"))) {
                return folder;
            }
        }
        return start;
    }
}
