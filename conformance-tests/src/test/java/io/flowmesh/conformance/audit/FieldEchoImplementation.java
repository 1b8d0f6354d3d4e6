package io.flowmesh.conformance.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.EffectTrace;
import io.flowmesh.conformance.spi.ParseResult;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.conformance.spi.WorkflowImplementation;

/**
 * A fake implementation for the kit's own tests: it "parses" with plain Jackson YAML and "runs" by
 * handing over one effect per honoured field present, {@code (fake, <pointer>, <value>)}. It warns about
 * each field it is told to warn about, and declares only the {@code echo} task type.
 */
public final class FieldEchoImplementation implements WorkflowImplementation {

    /** How the fake misbehaves, if at all. */
    public enum Mode {
        /** Same template, same trace. */
        STEADY,
        /** Adds a run counter to every trace, so no two runs agree. */
        COUNTS_RUNS,
        /** Runs the first two times (the base run and its determinism rerun), then throws. */
        FAILS_AFTER_TWO_RUNS
    }

    private static final YAMLMapper YAML = new YAMLMapper();

    private final Set<String> honoured;
    private final Set<String> warned;
    private final Mode mode;
    private int runs;

    /** For {@link java.util.ServiceLoader}: honours {@code /kind} and {@code /spec/taskType}, warns about nothing. */
    public FieldEchoImplementation() {
        this(Set.of("/kind", "/spec/taskType"), Set.of(), Mode.STEADY);
    }

    /**
     * @param honoured pointers of the fields that have an effect
     * @param warned pointers of the fields that draw a warning, but no effect
     * @param mode how the fake misbehaves
     */
    public FieldEchoImplementation(Set<String> honoured, Set<String> warned, Mode mode) {
        this.honoured = Set.copyOf(honoured);
        this.warned = Set.copyOf(warned);
        this.mode = mode;
    }

    @Override
    public String name() {
        return "field-echo";
    }

    @Override
    public String version() {
        return "1.0-test";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(Set.of("echo"), Set.of(Capabilities.CPU));
    }

    @Override
    public ParseResult parse(String yaml, String sourceName) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            return new ParseResult(List.of(new Diagnostic(sourceName, "", 0, 0, "yaml", e.getOriginalMessage())), List.of());
        }
        List<Diagnostic> warnings = new ArrayList<>();
        for (String pointer : sorted(warned)) {
            if (!tree.at(pointer).isMissingNode()) {
                warnings.add(new Diagnostic(sourceName, pointer, 0, 0, "fake.ignored", pointer + " is ignored"));
            }
        }
        return ParseResult.valid(warnings);
    }

    @Override
    public RunResult run(String yaml, RunOptions options) {
        runs++;
        if (mode == Mode.FAILS_AFTER_TWO_RUNS && runs > 2) {
            throw new IllegalStateException("engine exploded on run " + runs);
        }
        ParseResult parsed = parse(yaml, "run");
        if (!parsed.isValid()) {
            return new RunResult.Rejected(parsed.violations(), parsed.warnings());
        }
        JsonNode tree = readTree(yaml);
        List<Effect> effects = new ArrayList<>();
        for (String pointer : sorted(honoured)) {
            JsonNode value = tree.at(pointer);
            if (!value.isMissingNode()) {
                effects.add(new Effect("fake", pointer, YAML.convertValue(value, Object.class)));
            }
        }
        if (mode == Mode.COUNTS_RUNS) {
            effects.add(new Effect("fake", "run", runs));
        }
        return new RunResult.Completed(new EffectTrace(effects), parsed.warnings());
    }

    private static JsonNode readTree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("parse() accepted it", e);
        }
    }

    private static List<String> sorted(Set<String> pointers) {
        return pointers.stream().sorted().toList();
    }
}
