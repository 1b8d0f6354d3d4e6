package io.flowmesh.reference.parse;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowmesh.conformance.spi.Diagnostic;

/**
 * Finds the legacy fields that templates still carry but nothing reads ({@code resources.replicas},
 * {@code sloSeconds}, {@code parallel}, an adapter's {@code kwargs}), at every spec level, and words a
 * warning for each. Upstream's parser accepts them (the whole {@code parallel} section, a placeholder
 * {@code sloSeconds}), so they are never errors here either.
 */
final class LegacyFields {

    /** Code of every warning about a field without runtime effect. */
    static final String CODE = "legacy.no-effect";

    private LegacyFields() {
    }

    static List<Diagnostic> warnings(JsonNode root, SourceMap sourceMap, String sourceName) {
        List<Diagnostic> warnings = new ArrayList<>();
        scan(root.path("spec"), "/spec", sourceMap, sourceName, warnings);
        return warnings;
    }

    private static void scan(JsonNode spec, String pointer, SourceMap sourceMap, String sourceName,
            List<Diagnostic> warnings) {
        if (!spec.isObject()) {
            return;
        }
        if (spec.path("resources").has("replicas")) {
            warn(pointer + "/resources/replicas", "resources.replicas has no runtime effect: worker matching reads"
                    + " only resources.hardware and nothing fans out on replicas; remove it", sourceMap, sourceName, warnings);
        }
        if (spec.has("sloSeconds")) {
            warn(pointer + "/sloSeconds", "sloSeconds has no runtime effect: no dispatcher or selector reads it;"
                    + " remove it", sourceMap, sourceName, warnings);
        }
        if (spec.has("parallel")) {
            warn(pointer + "/parallel", "parallel has no runtime effect: nothing reads enabled or max_shards;"
                    + " use spec.shard for sharding and remove it", sourceMap, sourceName, warnings);
        }
        JsonNode adapters = spec.path("model").path("adapters");
        for (int i = 0; i < adapters.size(); i++) {
            if (adapters.get(i).has("kwargs")) {
                warn(pointer + "/model/adapters/" + i + "/kwargs", "kwargs has no runtime effect: upstream dropped"
                        + " it; say where the adapter comes from with url (and headers, archive_format), path or task_id,"
                        + " and how it is applied with apply and id", sourceMap, sourceName, warnings);
            }
        }
        scanStages(spec.path("stages"), pointer + "/stages", sourceMap, sourceName, warnings);
        scanStages(spec.path("graph").path("nodes"), pointer + "/graph/nodes", sourceMap, sourceName, warnings);
    }

    private static void scanStages(JsonNode stages, String pointer, SourceMap sourceMap, String sourceName,
            List<Diagnostic> warnings) {
        for (int i = 0; i < stages.size(); i++) {
            scan(stages.path(i).path("spec"), pointer + "/" + i + "/spec", sourceMap, sourceName, warnings);
        }
    }

    private static void warn(String pointer, String message, SourceMap sourceMap, String sourceName,
            List<Diagnostic> warnings) {
        SourceMap.Location at = sourceMap.locate(pointer);
        warnings.add(new Diagnostic(sourceName, pointer, at.line(), at.column(), CODE, message));
    }
}
