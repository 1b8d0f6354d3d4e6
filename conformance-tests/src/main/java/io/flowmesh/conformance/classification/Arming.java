package io.flowmesh.conformance.classification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiguardian.api.API;

/**
 * A switch that arms a row's effect: {@code training.target_kl} stops PPO only while its sibling
 * {@code training.early_stopping} is on. Where the template leaves the switch off, the field's effect
 * is not expected; the probe must then change nothing the effect names, which is what the RFC's rule
 * says of a disarmed threshold.
 *
 * <p>The kit reads the switch from the template itself, never from the implementation: in the mapping
 * that holds the field, else, for a stage or graph node, in the workflow's shared spec that the task
 * inherits (upstream deep-merges it into every task). A field of the shared spec is armed when any task
 * inheriting it has the switch on. Off is absent, {@code null}, {@code false}, zero, or one of the strings
 * {@code false}, {@code no}, {@code off}, {@code 0} and the empty string (any case), as FlowMesh reads a
 * YAML-ish flag; anything else is on, so that the usual judgement applies to it.
 *
 * @param sibling the switch's key, in the same mapping as the field
 */
@API(status = API.Status.INTERNAL, since = "0.4")
public record Arming(String sibling) {

    private static final Pattern IN_TASK = Pattern.compile("^(/spec/(?:stages|graph/nodes)/\\d+/spec)(/.*)$");
    private static final Set<String> OFF_WORDS = Set.of("false", "no", "off", "0", "");

    public Arming {
        if (sibling == null || sibling.isBlank() || sibling.contains("/")) {
            throw new IllegalArgumentException("an arming switch is one key of the field's mapping, got " + sibling);
        }
    }

    /**
     * Why the field at {@code pointer} is disarmed in this template, or empty when it is armed.
     *
     * @param template the template as the kit read it
     * @param pointer the field's JSON pointer
     */
    public Optional<String> disarmed(JsonNode template, String pointer) {
        List<String> switches = new ArrayList<>();
        Matcher task = IN_TASK.matcher(pointer);
        if (task.matches()) {
            String own = switchOf(task.group(1), task.group(2));
            switches.add(template.at(own).isMissingNode() ? switchOf("/spec", task.group(2)) : own);
        } else if (pointer.startsWith("/spec/")) {
            String relative = pointer.substring("/spec".length());
            List<String> tasks = inheritingTasks(template, relative);
            if (tasks.isEmpty()) {
                switches.add(switchOf("/spec", relative));
            }
            for (String inheriting : tasks) {
                String own = switchOf(inheriting, relative);
                switches.add(template.at(own).isMissingNode() ? switchOf("/spec", relative) : own);
            }
        } else {
            switches.add(pointer.substring(0, pointer.lastIndexOf('/') + 1) + sibling);
        }
        if (switches.stream().anyMatch(at -> on(template.at(at)))) {
            return Optional.empty();
        }
        return Optional.of(switches.stream().distinct().map(at -> describe(template.at(at), at))
                .reduce((a, b) -> a + ", " + b).orElseThrow());
    }

    /** The stages or graph nodes that inherit the shared spec's field: those that do not set it themselves. */
    private static List<String> inheritingTasks(JsonNode template, String relative) {
        List<String> tasks = new ArrayList<>();
        for (String list : List.of("/spec/stages", "/spec/graph/nodes")) {
            JsonNode items = template.at(list);
            for (int i = 0; i < items.size(); i++) {
                String spec = list + "/" + i + "/spec";
                if (template.at(spec + relative).isMissingNode()) {
                    tasks.add(spec);
                }
            }
        }
        return tasks;
    }

    private String switchOf(String spec, String relativeField) {
        return spec + relativeField.substring(0, relativeField.lastIndexOf('/') + 1) + sibling;
    }

    /** Whether a switch's value is on; see the class comment. */
    static boolean on(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0;
        }
        if (value.isTextual()) {
            return !OFF_WORDS.contains(value.textValue().trim().toLowerCase(Locale.ROOT));
        }
        return true;
    }

    private static String describe(JsonNode value, String at) {
        return value.isMissingNode() ? at + " is absent" : at + " is " + value;
    }
}
