package io.flowmesh.conformance.classification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.serialization.node.LocationJsonNodeFactoryFactory;
import com.networknt.schema.utils.JsonNodes;
import io.flowmesh.conformance.probe.Values;
import org.apiguardian.api.API;

/**
 * Loads {@code expected/classification.yaml}, checks it against its JSON Schema, and builds the
 * {@link Classification}. Every problem is reported with the file, line and field path.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ClassificationLoader {

    private static final String SCHEMA = "/io/flowmesh/conformance/classification/classification.schema.json";
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Schema CLASSIFICATION_SCHEMA = loadSchema();

    private ClassificationLoader() {
    }

    private static Schema loadSchema() {
        try (InputStream in = ClassificationLoader.class.getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("the kit jar lacks " + SCHEMA);
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SCHEMA, e);
        }
    }

    /** Loads and checks a classification file. */
    public static Classification load(Path file) throws ClassificationException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ClassificationException(file + ": cannot read the classification: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Checks and builds a classification from its YAML text. */
    public static Classification parse(String yaml, String source) throws ClassificationException {
        JsonNode root;
        try {
            root = JsonNodes.readTree(YAML, yaml, LocationJsonNodeFactoryFactory.getInstance());
        } catch (RuntimeException e) {
            if (e.getCause() instanceof JsonProcessingException cause && cause.getLocation() != null) {
                throw new ClassificationException(source + ":" + cause.getLocation().getLineNr() + ":"
                        + cause.getLocation().getColumnNr() + ": not valid YAML: "
                        + String.join(" ", cause.getOriginalMessage().lines().map(String::trim).toList()));
            }
            throw new ClassificationException(source + ": not valid YAML: " + firstLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new ClassificationException(source + ": the classification is empty");
        }
        List<Error> errors = CLASSIFICATION_SCHEMA.validate(root);
        if (!errors.isEmpty()) {
            throw new ClassificationException(errors.stream()
                    .sorted(Comparator.comparing((Error e) -> line(e.getInstanceNode())))
                    .map(e -> source + ":" + line(e.getInstanceNode()) + ": " + e.getInstanceLocation()
                            + ": " + e.getMessage())
                    .distinct()
                    .collect(Collectors.joining(System.lineSeparator())));
        }
        List<ClassificationRow> rows = new ArrayList<>();
        for (JsonNode row : root.get("rows")) {
            rows.add(row(row, source));
        }
        checkUniqueIds(rows, root.get("rows"), source);
        List<EnumeratedField> enumerations = new ArrayList<>();
        for (JsonNode e : root.path("enumerations")) {
            List<String> members = new ArrayList<>();
            e.get("members").forEach(m -> members.add(m.textValue()));
            enumerations.add(new EnumeratedField(new FieldPattern(e.get("field").textValue()), members));
        }
        return new Classification(source, rows, enumerations);
    }

    private static ClassificationRow row(JsonNode row, String source) throws ClassificationException {
        Treatment treatment = Treatment.valueOf(row.get("treatment").textValue().toUpperCase(java.util.Locale.ROOT));
        List<FieldPattern> patterns = new ArrayList<>();
        row.get("patterns").forEach(p -> patterns.add(new FieldPattern(p.textValue())));
        List<ProbeValue> probes = new ArrayList<>();
        for (JsonNode probe : row.path("probes")) {
            probes.add(new ProbeValue(Values.toJava(probe.get("value")), effect(probe.get("expect"), source)));
        }
        List<ForbiddenEffect> forbidden = new ArrayList<>();
        row.path("forbid").forEach(f -> forbidden.add(new ForbiddenEffect(
                f.get("channel").textValue(), f.get("key").textValue(), f.get("why").textValue())));
        Optional<Injection> injection = Optional.ofNullable(row.get("inject")).map(i -> new Injection(
                new FieldPattern(i.get("into").textValue()), i.get("key").textValue(), Values.toJava(i.get("value"))));
        List<Object> accepts = new ArrayList<>();
        row.path("accepts").forEach(v -> accepts.add(Values.toJava(v)));
        List<Object> rejects = new ArrayList<>();
        row.path("rejects").forEach(v -> rejects.add(Values.toJava(v)));
        ValueRules values = new ValueRules(accepts, rejects, effect(row.get("whenAbsent"), source));
        return new ClassificationRow(row.get("id").textValue(), row.get("group").textValue(),
                row.get("field").textValue(), patterns, treatment, row.get("reason").textValue(),
                row.get("upstreamUses").intValue(), probes, effect(row.get("effect"), source), forbidden, injection,
                values);
    }

    private static Optional<ExpectedEffect> effect(JsonNode effect, String source) throws ClassificationException {
        if (effect == null) {
            return Optional.empty();
        }
        List<String> keys = new ArrayList<>();
        effect.path("keys").forEach(k -> keys.add(k.textValue()));
        Optional<String> value = effect.has("value") ? Optional.of(Values.canonical(Values.toJava(effect.get("value"))))
                : Optional.empty();
        if (value.isPresent() && keys.size() != 1) {
            throw new ClassificationException(source + ":" + line(effect) + ": an expected value needs exactly one key");
        }
        return Optional.of(new ExpectedEffect(Optional.ofNullable(effect.get("channel")).map(JsonNode::textValue),
                keys, value));
    }

    private static void checkUniqueIds(List<ClassificationRow> rows, JsonNode nodes, String source)
            throws ClassificationException {
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (rows.get(i).id().equals(rows.get(j).id())) {
                    throw new ClassificationException(source + ":" + line(nodes.get(i)) + ": /rows/" + i
                            + "/id: duplicate row id '" + rows.get(i).id() + "'");
                }
            }
        }
    }

    private static int line(JsonNode node) {
        JsonLocation location = node == null ? null : JsonNodes.tokenStreamLocationOf(node);
        return location == null ? 0 : location.getLineNr();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
