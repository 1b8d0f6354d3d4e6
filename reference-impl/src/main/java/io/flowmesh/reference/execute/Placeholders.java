package io.flowmesh.reference.execute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.flowmesh.reference.parse.TemplateProblem;

/**
 * Resolves stage placeholders such as {@code ${lora-train.result.final_lora_archive}} against the
 * results of tasks that already ran. A placeholder without a dot, such as {@code ${HF_TOKEN}}, names a
 * secret from the environment: it is left as written, so secrets never reach a trace.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_-]+)((?:\\.[A-Za-z0-9_-]+)+)}");

    private final Map<String, Map<String, Object>> results;

    /** @param results the published results of finished tasks, by stage name */
    Placeholders(Map<String, Map<String, Object>> results) {
        this.results = results;
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
        Object value = result;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map) || !map.containsKey(part)) {
                throw new TemplateProblem(pointer, "execute.placeholder", placeholder + ": task '" + stage
                        + "' published no '" + path + "' (it publishes " + result.keySet() + ")");
            }
            value = map.get(part);
        }
        return value;
    }
}
