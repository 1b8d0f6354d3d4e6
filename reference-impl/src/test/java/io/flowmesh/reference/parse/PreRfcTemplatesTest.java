package io.flowmesh.reference.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.flowmesh.conformance.spi.Diagnostic;

/**
 * Templates in the shape they had before the RFC (written for the kit in upstream's shapes, kept out
 * of {@code templates/} because they use fields the RFC removes) validate with warnings only, and
 * every warning says its field has no effect.
 */
class PreRfcTemplatesTest {

    private static final WorkflowParser PARSER = new WorkflowParser();

    /** Each template with the pointers its warnings must name, in source order. */
    static Map<String, List<String>> templates() {
        return Map.of(
                "vllm_sharded_legacy.yaml", List.of("/spec/sloSeconds", "/spec/parallel", "/spec/resources/replicas"),
                "lora_kwargs_legacy.yaml", List.of("/spec/stages/0/spec/resources/replicas",
                        "/spec/stages/0/spec/model/adapters/0/kwargs", "/spec/stages/0/spec/inference"),
                "lora_sft_slo_legacy.yaml", List.of("/spec/sloSeconds", "/spec/resources/replicas"));
    }

    static List<String> names() {
        return templates().keySet().stream().sorted().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void validatesWithNoEffectWarningsOnly(String name) throws IOException {
        ParseOutcome outcome = PARSER.parse(read(name), name);

        assertThat(outcome).as("%s", outcome).isInstanceOf(ParseOutcome.Parsed.class);
        assertThat(outcome.warnings()).extracting(Diagnostic::pointer).containsExactlyElementsOf(templates().get(name));
        assertThat(outcome.warnings()).allSatisfy(w -> assertThat(w.declaresNoEffect()).as(w.format()).isTrue());
    }

    private static String read(String name) throws IOException {
        try (InputStream in = PreRfcTemplatesTest.class.getResourceAsStream("/pre-rfc/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
