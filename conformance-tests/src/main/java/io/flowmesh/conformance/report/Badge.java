package io.flowmesh.conformance.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apiguardian.api.API;

/**
 * A shields.io endpoint badge of an audit ({@code https://img.shields.io/endpoint?url=...}): {@code
 * conformant: 53/53 templates} in green, {@code conformant for [echo]: 1/53 templates} in yellow-green
 * for an implementation measured on part of the contract (its profile), or {@code not conformant: 3 of
 * 3143 checks failed} in red. A selection ({@code --only}) gives no badge: it is no verdict.
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public final class Badge {

    /** The badge's label. */
    public static final String LABEL = "flowmesh conformance";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Badge() {
    }

    /** The badge's file name for an implementation: {@code badge-<name>.json}, the name in [a-z0-9._-]. */
    public static String fileName(String implementation) {
        String safe = implementation.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("^[-.]+|-+$", "");
        return "badge-" + (safe.isEmpty() ? "implementation" : safe) + ".json";
    }

    /** The endpoint JSON of the report, or empty for a selection, which gives no verdict to show. */
    public static Optional<String> json(AuditReport report) {
        Summary summary = report.summary();
        if (summary.selection().isPresent()) {
            return Optional.empty();
        }
        long run = report.templatesRun();
        int templates = report.templates().size();
        String message;
        String color;
        if (!summary.conformant()) {
            message = "not conformant: " + summary.failed() + " of " + summary.checks() + " checks failed";
            color = "red";
        } else if (!report.measuredInPart()) {
            message = "conformant: " + run + "/" + templates + " templates";
            color = "brightgreen";
        } else {
            message = "conformant for " + new TreeSet<>(report.taskTypes()) + ": " + run + "/" + templates + " templates";
            color = "yellowgreen";
        }
        Map<String, Object> badge = new LinkedHashMap<>();
        badge.put("schemaVersion", 1);
        badge.put("label", LABEL);
        badge.put("message", message);
        badge.put("color", color);
        try {
            return Optional.of(JSON.writeValueAsString(badge) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the badge is plain data and always serialises", e);
        }
    }
}
