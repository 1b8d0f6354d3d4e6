package io.flowmesh.conformance.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.serialization.node.LocationJsonNodeFactoryFactory;
import com.networknt.schema.utils.JsonNodes;
import io.flowmesh.conformance.classification.Judgement;
import io.flowmesh.conformance.contract.ContractCheck;
import io.flowmesh.conformance.report.ProbeCheck;
import io.flowmesh.conformance.report.TemplateCheck;
import io.flowmesh.conformance.report.TemplateReport;
import org.apiguardian.api.API;

/**
 * Known deviations as strict expected failures. A listed check still runs: when it fails, it passes as
 * an expected failure naming the reason; when it passes, it fails until the entry is deleted; an entry
 * that names no check of the run fails too. Deviations never skip anything.
 *
 * <p>The file is YAML: {@code deviations: [{check: ID, reason: TEXT}, ...]}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Deviations {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final Map<String, Deviation> byCheck;

    private Deviations(Map<String, Deviation> byCheck) {
        this.byCheck = byCheck;
    }

    /** No deviations. */
    public static Deviations none() {
        return new Deviations(Map.of());
    }

    /** The given deviations. */
    public static Deviations of(List<Deviation> deviations) {
        Map<String, Deviation> byCheck = new LinkedHashMap<>();
        deviations.forEach(d -> byCheck.put(d.check(), d));
        return new Deviations(byCheck);
    }

    /** Loads a deviations file; every problem names the file, the line and the entry. */
    public static Deviations load(Path file) throws AuditInputException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AuditInputException(file + ": cannot read the deviations: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = JsonNodes.readTree(YAML, text, LocationJsonNodeFactoryFactory.getInstance());
        } catch (RuntimeException e) {
            throw new AuditInputException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.path("deviations").isArray() || root.size() != 1) {
            throw new AuditInputException(file + ": expected exactly one key, 'deviations', holding a list");
        }
        List<Deviation> deviations = new ArrayList<>();
        JsonNode entries = root.get("deviations");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String where = file + ":" + line(entry) + ": /deviations/" + i;
            if (!entry.isObject() || !Set.of("check", "reason").containsAll(keys(entry))) {
                throw new AuditInputException(where + ": an entry has exactly the keys 'check' and 'reason'");
            }
            String check = entry.path("check").asText("");
            String reason = entry.path("reason").asText("");
            if (check.isBlank() || reason.isBlank()) {
                throw new AuditInputException(where + ": 'check' and 'reason' must both be given");
            }
            if (deviations.stream().anyMatch(d -> d.check().equals(check))) {
                throw new AuditInputException(where + ": check '" + check + "' is listed twice");
            }
            deviations.add(new Deviation(check, reason));
        }
        return of(deviations);
    }

    /** The template's checks with the listed ones turned into strict expected failures. */
    public TemplateReport apply(TemplateReport report) {
        if (byCheck.isEmpty()) {
            return report;
        }
        List<ProbeCheck> probes = new ArrayList<>();
        for (ProbeCheck p : report.probes()) {
            probes.add(p.withJudgement(judge(p.id(), p.pass(), p.judgement().reason())));
        }
        return new TemplateReport(report.file(), report.valid(), report.violations(), report.warnings(), report.skipped(),
                apply(report.checks()), probes);
    }

    /** Whole-template or row checks with the listed ones turned into strict expected failures. */
    public List<TemplateCheck> apply(List<TemplateCheck> checks) {
        List<TemplateCheck> out = new ArrayList<>();
        for (TemplateCheck c : checks) {
            Judgement judged = judge(c.id(), c.pass(), c.reason());
            out.add(new TemplateCheck(c.id(), c.name(), judged.pass(), judged.reason(), judged.knownDeviation()));
        }
        return out;
    }

    /** Contract cases with the listed ones turned into strict expected failures; not-applicable cases stay so. */
    public List<ContractCheck> applyToContracts(List<ContractCheck> checks) {
        List<ContractCheck> out = new ArrayList<>();
        for (ContractCheck c : checks) {
            if (c.status() == ContractCheck.Status.NOT_APPLICABLE || !byCheck.containsKey(c.id())) {
                out.add(c);
                continue;
            }
            Judgement judged = judge(c.id(), c.pass(), c.observed());
            out.add(c.withStatus(judged.knownDeviation() ? ContractCheck.Status.EXPECTED_FAILURE
                    : ContractCheck.Status.FAILED, judged.reason()));
        }
        return out;
    }

    /** A failing check for every entry that names no check of the run: a deviation must name a real case. */
    public List<TemplateCheck> unmatched(Set<String> checkIds) {
        List<TemplateCheck> out = new ArrayList<>();
        for (Deviation d : byCheck.values()) {
            if (!checkIds.contains(d.check())) {
                out.add(new TemplateCheck("deviations/" + d.check(), "deviation " + d.check() + " names a check", false,
                        "the deviation names no check of this run (" + d.reason() + "); fix the ID or delete the entry"));
            }
        }
        return out;
    }

    private Judgement judge(String id, boolean pass, String reason) {
        Deviation deviation = byCheck.get(id);
        if (deviation == null) {
            return new Judgement(pass, reason);
        }
        if (pass) {
            return new Judgement(false, "listed as a known deviation (" + deviation.reason()
                    + ") but it passes now: delete the entry");
        }
        return new Judgement(true, "known deviation (" + deviation.reason() + "): " + reason, true);
    }

    private static int line(JsonNode node) {
        JsonLocation location = JsonNodes.tokenStreamLocationOf(node);
        return location == null ? 0 : location.getLineNr();
    }

    private static List<String> keys(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }
}
