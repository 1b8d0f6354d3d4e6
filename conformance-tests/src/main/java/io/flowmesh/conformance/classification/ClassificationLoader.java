package io.flowmesh.conformance.classification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
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

    static {
        // Before the validator's first logger: see Slf4jNotices.
        Slf4jNotices.quietWithoutProvider();
    }

    private static final String SCHEMA = "/io/flowmesh/conformance/classification/classification.schema.json";
    private static final Schema CLASSIFICATION_SCHEMA = loadSchema();
    private static final JsonNode SCHEMA_TREE = loadSchemaTree();

    /** The most bytes a classification file may hold: a hundred times the RFC's table. */
    public static final int MAX_BYTES = 4 << 20;

    /** The most {@code **} segments a pattern may hold: each one multiplies the matching work. */
    public static final int MAX_WILDCARDS = 3;

    private ClassificationLoader() {
    }

    private static JsonNode loadSchemaTree() {
        try (InputStream in = ClassificationLoader.class.getResourceAsStream(SCHEMA)) {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SCHEMA, e);
        }
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
            text = InputFiles.read(file, "the classification", MAX_BYTES);
        } catch (InputFiles.UnreadableException e) {
            throw new ClassificationException(e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Checks and builds a classification from its YAML text. */
    public static Classification parse(String yaml, String source) throws ClassificationException {
        JsonNode root;
        try {
            root = readYaml(yaml, source);
        } catch (KitYaml.YamlException e) {
            throw new ClassificationException(e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ClassificationException(source + ": the classification is empty; it needs 'version: 1' and 'rows'");
        }
        List<String> problems = new ArrayList<>();
        for (Error e : CLASSIFICATION_SCHEMA.validate(root)) {
            // The treatment-dependent rules (allOf) are checked below, in words, once the treatment is known.
            if (!e.getEvaluationPath().toString().contains("allOf")) {
                problems.add(source + ":" + line(e.getInstanceNode()) + ": " + e.getInstanceLocation() + ": "
                        + SchemaWording.of(e, SCHEMA_TREE));
            }
        }
        if (root.path("rows").isArray()) {
            problems.addAll(treatmentRules(root.get("rows"), source));
        }
        if (!problems.isEmpty()) {
            throw new ClassificationException(problems.stream()
                    .sorted(Comparator.comparingInt(ClassificationLoader::lineOf))
                    .distinct()
                    .collect(Collectors.joining(System.lineSeparator())));
        }
        List<ClassificationRow> rows = new ArrayList<>();
        for (JsonNode row : root.get("rows")) {
            rows.add(row(row, source));
        }
        checkUniqueIds(rows, root.get("rows"), source);
        checkUniquePatterns(rows, root.get("rows"), source);
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
                values, Optional.ofNullable(row.get("armedBy")).map(a -> new Arming(a.textValue())),
                row.path("anyProbe").asBoolean(false));
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

    /** Reads the YAML with duplicate keys refused and every syntax error worded with its line. */
    private static JsonNode readYaml(String yaml, String source) throws KitYaml.YamlException {
        return KitYaml.read(yaml, source);
    }

    /**
     * What the treatment requires, in words: support rows name an effect, remove rows an injection,
     * and only remove rows have one. Rows whose treatment is unknown are left to the schema's message.
     */
    private static List<String> treatmentRules(JsonNode rows, String source) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            String treatment = row.path("treatment").asText("");
            String where = source + ":" + line(row) + ": /rows/" + i + ": ";
            if (treatment.equals("support") && !row.has("effect")) {
                problems.add(where + "a support row needs 'effect': the channel (and keys) its perturb probe must change");
            }
            if (treatment.equals("remove") && !row.has("inject")) {
                problems.add(where + "a remove row needs 'inject': where to put the field to show it is ignored or refused");
            }
            if (!treatment.equals("remove") && Set.of("support", "keep", "fix").contains(treatment) && row.has("inject")) {
                problems.add(source + ":" + line(row) + ": /rows/" + i + "/inject: only a remove row has"
                        + " 'inject'; this row's treatment is '" + treatment + "'");
            }
        }
        return problems;
    }

    /** A pattern in two rows would make the row a field belongs to depend on the order of the file. */
    private static void checkUniquePatterns(List<ClassificationRow> rows, JsonNode nodes, String source)
            throws ClassificationException {
        Map<String, String> owners = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            ClassificationRow row = rows.get(i);
            for (int p = 0; p < row.patterns().size(); p++) {
                FieldPattern pattern = row.patterns().get(p);
                String where = source + ":" + line(nodes.get(i).path("patterns").path(p)) + ": /rows/" + i + "/patterns/" + p;
                if (pattern.wildcards() > MAX_WILDCARDS || pattern.canonical().contains("/**/**")) {
                    throw new ClassificationException(where + ": pattern '" + pattern + "' has " + pattern.wildcards()
                            + " '**' segments; at most " + MAX_WILDCARDS + " are allowed, and never two in a row");
                }
                String previous = owners.putIfAbsent(pattern.canonical(), row.id());
                if (previous != null) {
                    throw new ClassificationException(where + ": pattern '" + pattern + "' is already in row '" + previous
                            + "'; a field pattern belongs to one row");
                }
            }
        }
    }

    private static int lineOf(String problem) {
        String[] parts = problem.split(":", 3);
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int line(JsonNode node) {
        JsonLocation location = node == null ? null : JsonNodes.tokenStreamLocationOf(node);
        return location == null ? 0 : location.getLineNr();
    }
}
