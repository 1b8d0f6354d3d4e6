package io.flowmesh.conformance.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.classification.ClassificationRow;
import io.flowmesh.conformance.classification.FieldPattern;
import io.flowmesh.conformance.classification.KitYaml;
import io.flowmesh.conformance.classification.Treatment;
import org.apiguardian.api.API;

/**
 * What {@code migrate} changes, derived from a classification: every field of a remove row is
 * deleted, and every lift (the kit's {@code lifts.yaml}) whose fix row the classification holds is
 * applied.
 *
 * @param removals the remove rows, in classification order
 * @param lifts the lifts that apply
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public record MigrationRules(List<Removal> removals, List<Lift> lifts) {

    private static final String LIFTS = "/io/flowmesh/conformance/migrate/lifts.yaml";

    /**
     * A field that goes.
     *
     * @param rowId the classification row that removes it
     * @param patterns the fields it names
     * @param reason why, as the row says
     */
    public record Removal(String rowId, List<FieldPattern> patterns, String reason) {

        public Removal {
            patterns = List.copyOf(patterns);
        }
    }

    /**
     * A retired mapping whose keys move one level up.
     *
     * @param field the retired mapping-valued field
     * @param keys its keys that move up to the mapping holding it; the others are dropped
     * @param rowId the fix row this applies
     * @param reason why
     */
    public record Lift(FieldPattern field, List<String> keys, String rowId, String reason) {

        public Lift {
            keys = List.copyOf(keys);
        }
    }

    public MigrationRules {
        removals = List.copyOf(removals);
        lifts = List.copyOf(lifts);
    }

    /** The rules of this classification. */
    public static MigrationRules of(Classification classification) {
        List<Removal> removals = new ArrayList<>();
        for (ClassificationRow row : classification.rows()) {
            if (row.treatment() == Treatment.REMOVE) {
                removals.add(new Removal(row.id(), row.patterns(), row.reason()));
            }
        }
        List<Lift> lifts = new ArrayList<>();
        for (Lift lift : bundledLifts()) {
            boolean fixed = classification.rows().stream()
                    .anyMatch(row -> row.id().equals(lift.rowId()) && row.treatment() == Treatment.FIX);
            if (fixed) {
                lifts.add(lift);
            }
        }
        return new MigrationRules(removals, lifts);
    }

    /** The removal that deletes the field at this pointer, if any. */
    public Optional<Removal> removalFor(String pointer) {
        return removals.stream().filter(r -> r.patterns().stream().anyMatch(p -> p.matches(pointer))).findFirst();
    }

    /** The lift that retires the field at this pointer, if any. */
    public Optional<Lift> liftFor(String pointer) {
        return lifts.stream().filter(l -> l.field().matches(pointer)).findFirst();
    }

    private static List<Lift> bundledLifts() {
        JsonNode root;
        try (InputStream in = MigrationRules.class.getResourceAsStream(LIFTS)) {
            if (in == null) {
                throw new IllegalStateException("the kit jar lacks " + LIFTS);
            }
            root = KitYaml.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), LIFTS);
        } catch (IOException | KitYaml.YamlException e) {
            throw new IllegalStateException("cannot read " + LIFTS + ": " + e.getMessage(), e);
        }
        List<Lift> lifts = new ArrayList<>();
        for (JsonNode lift : root.path("lifts")) {
            List<String> keys = new ArrayList<>();
            lift.path("keys").forEach(k -> keys.add(k.textValue()));
            lifts.add(new Lift(new FieldPattern(lift.path("field").textValue()), keys, lift.path("fixes").textValue(),
                    lift.path("reason").textValue()));
        }
        return lifts;
    }
}
