package io.flowmesh.conformance.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.utils.JsonNodes;
import io.flowmesh.conformance.classification.InputFiles;
import io.flowmesh.conformance.classification.Judgement;
import io.flowmesh.conformance.classification.KitYaml;
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

    /** The most bytes a deviations file may hold. */
    public static final int MAX_BYTES = 4 << 20;

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
        JsonNode root;
        try {
            text = InputFiles.read(file, "the deviations", MAX_BYTES);
            root = KitYaml.read(text, file.toString());
        } catch (InputFiles.UnreadableException e) {
            throw new AuditInputException(e.getMessage());
        } catch (KitYaml.YamlException e) {
            throw new AuditInputException(e.getMessage());
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            throw new AuditInputException(file + ": the deviations file is empty; it holds 'deviations:' and a list"
                    + " of {check, reason} entries");
        }
        if (!root.isObject() || !keys(root).equals(List.of("deviations"))) {
            throw new AuditInputException(file + ":" + line(root) + ": expected exactly one key, 'deviations', holding a"
                    + " list; found " + (root.isObject() ? "keys " + keys(root) : describe(root)));
        }
        JsonNode entries = root.get("deviations");
        if (entries.isNull()) {
            return none();
        }
        if (!entries.isArray()) {
            throw new AuditInputException(file + ":" + line(entries) + ": /deviations: expected a list of {check, reason}"
                    + " entries, found " + describe(entries));
        }
        List<Deviation> deviations = new ArrayList<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String where = file + ":" + line(entry) + ": /deviations/" + i;
            if (!entry.isObject()) {
                throw new AuditInputException(where + ": expected an entry {check, reason}, found " + describe(entry));
            }
            for (String key : keys(entry)) {
                if (!Set.of("check", "reason").contains(key)) {
                    throw new AuditInputException(where + ": unknown key '" + key + "'; allowed: check, reason");
                }
            }
            for (String key : List.of("check", "reason")) {
                JsonNode value = entry.get(key);
                if (value == null || value.isNull()) {
                    throw new AuditInputException(where + ": missing '" + key + "'; an entry needs both check and reason");
                }
                if (!value.isTextual() || value.textValue().isBlank()) {
                    throw new AuditInputException(where + "/" + key + ": expected a non-empty string, found "
                            + describe(value));
                }
            }
            String check = entry.get("check").textValue().strip();
            String reason = entry.get("reason").textValue().strip();
            Integer first = lines.putIfAbsent(check, line(entry));
            if (first != null) {
                throw new AuditInputException(where + ": check '" + check + "' is listed twice (first on line " + first
                        + "); list each check once");
            }
            deviations.add(new Deviation(check, reason));
        }
        return of(deviations);
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the string '" + node.textValue() + "'";
        }
        String type = node.isArray() ? "a list" : node.isObject() ? "a mapping" : node.isNumber() ? "the number " + node
                : node.isBoolean() ? "the boolean " + node : node.isNull() ? "null" : node.getNodeType().toString();
        return type;
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

    /** The IDs of the listed checks, in file order. */
    public List<String> listed() {
        return List.copyOf(byCheck.keySet());
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
        JsonLocation location = node == null ? null : JsonNodes.tokenStreamLocationOf(node);
        return location == null ? 0 : location.getLineNr();
    }

    private static List<String> keys(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }
}
