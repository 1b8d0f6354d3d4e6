package io.flowmesh.conformance.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowmesh.conformance.classification.InputFiles;
import org.apiguardian.api.API;

/**
 * Which checks an audit runs: all of them, or a selection by stable ID ({@code --only}, {@code
 * --only-failed}), resolved against the {@link CheckPlan} before anything runs.
 *
 * <p>A pattern is an ID, or a glob over IDs: {@code *} matches any characters but {@code /} (within one
 * part of the ID), {@code **} any characters including {@code /}, {@code ?} one character but {@code /};
 * every other character stands for itself. Selecting a row's check ({@code classification/<row>/measured})
 * selects every probe and contract case that measures the row. A template's budget check is listed by no
 * plan (a report holds it only for an overrun); rerunning a failed one ({@code --only-failed}) reruns
 * the whole template. Contract cases run by contract, since a contract's cases share scenarios,
 * and only the selected cases are reported.
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public final class Selection {

    /** The most bytes a report read by {@code --only-failed} may hold. */
    private static final int MAX_REPORT_BYTES = 512 << 20;

    private static final Selection ALL = new Selection(null, Set.of(), Set.of(), "");

    private final Set<String> ids;
    private final Set<String> templates;
    private final Set<String> contracts;
    private final String how;

    private Selection(Set<String> ids, Set<String> templates, Set<String> contracts, String how) {
        this.ids = ids;
        this.templates = templates;
        this.contracts = contracts;
        this.how = how;
    }

    /** Every check: the full audit. */
    public static Selection all() {
        return ALL;
    }

    /**
     * The checks of the plan the patterns name.
     *
     * @param how how the selection was asked for, for the report, e.g. {@code --only ppo_llama_1b/**}
     * @throws AuditInputException when a pattern matches no check, naming the nearest IDs
     */
    public static Selection of(CheckPlan plan, List<String> patterns, String how) throws AuditInputException {
        Set<String> chosen = new TreeSet<>();
        for (String pattern : patterns) {
            Pattern regex = glob(pattern.strip());
            List<String> matched = plan.ids().stream().filter(id -> regex.matcher(id).matches()).toList();
            if (matched.isEmpty()) {
                List<String> near = NearestNames.to(pattern.strip(), plan.ids(), Math.max(2, pattern.length() / 4), 3);
                throw new AuditInputException(how + ": '" + pattern + "' matches no check of this audit ("
                        + plan.ids().size() + " checks; see --list)" + (near.isEmpty() ? "" : "; did you mean "
                        + String.join(" or ", near) + "?"));
            }
            chosen.addAll(matched);
        }
        return expanded(plan, chosen, how);
    }

    /**
     * The checks that failed in an earlier JSON report ({@code --format json} or {@code report.json}) and
     * that this audit still plans.
     *
     * @param unknown told every failed ID of the report that this audit does not plan (a template since
     *     removed, a deviation entry's check), which is not rerun
     * @throws AuditInputException when the file is not such a report, or no failed check of it is planned
     */
    public static Selection failedIn(CheckPlan plan, Path report, java.util.function.Consumer<String> unknown)
            throws AuditInputException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(InputFiles.read(report, "the report", MAX_REPORT_BYTES));
        } catch (InputFiles.UnreadableException e) {
            throw new AuditInputException("--only-failed " + e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AuditInputException("--only-failed " + report + ": not a JSON report (" + e.getOriginalMessage()
                    + "); give the report.json of an earlier audit");
        }
        if (root == null || !root.path("templates").isArray() || !root.path("contracts").isArray()
                || !root.path("classificationChecks").isArray()) {
            throw new AuditInputException("--only-failed " + report + ": not an audit's JSON report (it lacks templates,"
                    + " contracts or classificationChecks); give the report.json of an earlier audit");
        }
        Set<String> failed = new LinkedHashSet<>();
        for (JsonNode template : root.path("templates")) {
            failedIds(template.path("checks"), failed);
            failedIds(template.path("fields"), failed);
        }
        for (JsonNode contract : root.path("contracts")) {
            if (!contract.path("pass").asBoolean(true) && !"NOT_APPLICABLE".equals(contract.path("status").asText())) {
                failed.add(contract.path("id").asText());
            }
        }
        failedIds(root.path("classificationChecks"), failed);
        Set<String> planned = new TreeSet<>();
        plan.checks().forEach(c -> planned.add(c.id()));
        Set<String> chosen = new TreeSet<>();
        for (String id : failed) {
            if (planned.contains(id)) {
                chosen.add(id);
            } else {
                unknown.accept(id);
            }
        }
        String how = "--only-failed " + report;
        if (chosen.isEmpty()) {
            throw new AuditInputException(how + ": " + (failed.isEmpty() ? "no check failed in that report; nothing to"
                    + " rerun" : "none of its " + failed.size() + " failed checks is a check of this audit (see --list)"));
        }
        return expanded(plan, chosen, how);
    }

    private static void failedIds(JsonNode checks, Set<String> into) {
        for (JsonNode check : checks) {
            if (!check.path("pass").asBoolean(true) && check.path("id").isTextual()) {
                into.add(check.path("id").textValue());
            }
        }
    }

    /** The chosen IDs with what a row check or a whole template pulls in. */
    private static Selection expanded(CheckPlan plan, Set<String> chosen, String how) {
        Set<String> rows = new TreeSet<>();
        Set<String> wholeTemplates = new TreeSet<>();
        for (PlannedCheck check : plan.checks()) {
            if (chosen.contains(check.id()) && check.kind() == PlannedCheck.Kind.ROW) {
                rows.addAll(check.rows());
            }
            if (chosen.contains(check.id()) && check.kind() == PlannedCheck.Kind.WHOLE_TEMPLATE) {
                wholeTemplates.add(check.template().orElseThrow());
            }
        }
        Set<String> ids = new TreeSet<>(chosen);
        Set<String> templates = new TreeSet<>();
        Set<String> contracts = new TreeSet<>();
        for (PlannedCheck check : plan.checks()) {
            boolean pulled = (check.kind() == PlannedCheck.Kind.PROBE || check.kind() == PlannedCheck.Kind.CONTRACT_CASE)
                    && check.rows().stream().anyMatch(rows::contains)
                    || check.template().filter(wholeTemplates::contains).isPresent();
            if (pulled) {
                ids.add(check.id());
            }
            if (ids.contains(check.id())) {
                check.template().ifPresent(templates::add);
                check.contract().ifPresent(contracts::add);
            }
        }
        return new Selection(Set.copyOf(ids), Set.copyOf(templates), Set.copyOf(contracts), how);
    }

    /** The glob as a regular expression over whole IDs. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** Whether this is the full audit. */
    public boolean isAll() {
        return ids == null;
    }

    /** Whether the check with this ID runs. */
    public boolean selects(String id) {
        return ids == null || ids.contains(id);
    }

    /** Whether any check of this template (by file) runs. */
    public boolean selectsTemplate(String file) {
        return ids == null || templates.contains(file);
    }

    /** Whether a case of this contract (by the contract's ID) runs. */
    public boolean selectsContract(String contract) {
        return ids == null || contracts.contains(contract);
    }

    /** The selected IDs, sorted; empty for the full audit, which selects by no list. */
    public List<String> ids() {
        return ids == null ? List.of() : new ArrayList<>(new TreeSet<>(ids));
    }

    /** How the selection was asked for, or empty for the full audit. */
    public Optional<String> how() {
        return ids == null ? Optional.empty() : Optional.of(how);
    }
}
