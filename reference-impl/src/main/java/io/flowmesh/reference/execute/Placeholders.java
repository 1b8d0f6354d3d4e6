package io.flowmesh.reference.execute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.flowmesh.reference.parse.TemplateProblem;

/**
 * Resolves stage placeholders against the results of tasks that already ran, as upstream's
 * dispatcher does ({@code Dispatcher._resolve_reference}): {@code ${stage.path}} follows
 * {@code path} into the stage's result ({@code ${lora-train.final_lora_archive}},
 * {@code ${stage-1.text}}; a number indexes a list), {@code ${stage.task_id}} is the stage's task
 * id, and a value that is an {@link ArtifactRef} renders as the absolute path of the artifact, as
 * upstream renders {@code <base_dir>/artifacts/<path>} when no server URL is configured. A path
 * starting with {@code result} that the result does not have follows the results envelope
 * ({@code {task_id, result}}) instead: the form of earlier upstream templates,
 * {@code ${lora-train.result.final_lora_archive}}, and the one upstream's graph-template context
 * still uses. A placeholder without a dot, such as {@code ${HF_TOKEN}}, names a secret from the
 * environment: it is left as written, so secrets never reach a trace.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_-]+)((?:\\.[A-Za-z0-9_-]+)+)}");

    private final Map<String, Map<String, Object>> results;
    private final Workspace workspace;

    /**
     * @param results the published results of finished tasks, by stage name
     * @param workspace where their artifacts live
     */
    Placeholders(Map<String, Map<String, Object>> results, Workspace workspace) {
        this.results = results;
        this.workspace = workspace;
    }

    /** Whether a string of the value, at any depth, holds a stage placeholder. */
    static boolean mentions(Object value) {
        if (value instanceof String text) {
            return PLACEHOLDER.matcher(text).find();
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(Placeholders::mentions);
        }
        return value instanceof Map<?, ?> map && map.values().stream().anyMatch(Placeholders::mentions);
    }

    /** The value with every stage placeholder in its strings replaced. */
    Object resolve(Object value, String pointer) throws TemplateProblem {
        if (value instanceof String text) {
            return resolveText(text, pointer);
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                resolved.add(resolve(list.get(i), pointer + "/" + i));
            }
            return resolved;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> resolved = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                resolved.put((String) entry.getKey(), resolve(entry.getValue(), pointer + "/" + entry.getKey()));
            }
            return resolved;
        }
        return value;
    }

    private Object resolveText(String text, String pointer) throws TemplateProblem {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = lookup(m.group(1), m.group(2).substring(1), pointer, m.group());
            if (m.start() == 0 && m.end() == text.length()) {
                return value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Object lookup(String stage, String path, String pointer, String placeholder) throws TemplateProblem {
        Map<String, Object> result = results.get(stage);
        if (result == null) {
            throw new TemplateProblem(pointer, "execute.placeholder", placeholder + " refers to '" + stage
                    + "', which has not run before this task (known: " + results.keySet() + ")");
        }
        if (path.equals("task_id")) {
            return stage;
        }
        List<String> parts = List.of(path.split("\\."));
        if (parts.get(0).equals("result") && !result.containsKey("result")) {
            parts = parts.subList(1, parts.size());
        }
        Object value = dig(result, parts);
        if (value == null) {
            throw new TemplateProblem(pointer, "execute.placeholder", placeholder + ": task '" + stage
                    + "' published no '" + path + "' (it publishes " + result.keySet() + ")");
        }
        return value instanceof ArtifactRef artifact
                ? workspace.stageDir(artifact.stage()).resolve(artifact.path()).toString() : value;
    }

    /** Follows the parts into the value, as upstream's {@code _dig_result_path}: null when absent. */
    private static Object dig(Object value, List<String> parts) {
        Object current = value;
        for (String part : parts) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(part);
            } else if (current instanceof List<?> list && part.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(part);
                current = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return current;
    }
}
