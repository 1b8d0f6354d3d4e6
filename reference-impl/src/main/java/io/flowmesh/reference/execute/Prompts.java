package io.flowmesh.reference.execute;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.flowmesh.reference.parse.TemplateProblem;

/**
 * The prompts an inference task sends, built as upstream builds them: the task's {@code data.items}
 * (only this shard's items for a shard task), each a string or a mapping whose {@code prompt_column}
 * (default {@code prompt}, then {@code text}) holds the prompt; with {@code use_chat_template}, each is
 * wrapped in a chat turn after the {@code system_prompt}.
 */
final class Prompts {

    private Prompts() {
    }

    /** The prompts of this task. */
    static List<String> of(TaskContext context) throws TemplateProblem {
        List<Object> mine = items(context);
        Map<String, Object> inference = context.section("inference");
        String column = String.valueOf(inference.getOrDefault("prompt_column", "prompt"));
        boolean chat = Boolean.TRUE.equals(inference.get("use_chat_template"));
        Object system = inference.get("system_prompt");
        List<String> prompts = new ArrayList<>();
        for (Object item : mine) {
            String prompt = item instanceof Map<?, ?> map
                    ? String.valueOf(map.containsKey(column) ? map.get(column) : map.get("text"))
                    : String.valueOf(item);
            prompts.add(chat ? (system == null ? "" : "<|system|>" + system) + "<|user|>" + prompt + "<|assistant|>" : prompt);
        }
        return prompts;
    }

    /**
     * The prompts of an executor that reads no {@code inference} (the omni executors): each item as
     * text, a mapping's {@code prompt} (else {@code text}).
     */
    static List<String> texts(SpecFields context) throws TemplateProblem {
        List<String> texts = new ArrayList<>();
        for (Object item : items(context)) {
            texts.add(String.valueOf(item instanceof Map<?, ?> map
                    ? map.containsKey("prompt") ? map.get("prompt") : map.get("text") : item));
        }
        return texts;
    }

    /** This task's {@code data.items}: only this shard's for a shard task. */
    private static List<Object> items(SpecFields context) throws TemplateProblem {
        Object items = context.resolved(context.section("data").get("items"), "data/items");
        List<?> all = items instanceof List<?> list ? list : List.of();
        List<Object> mine = new ArrayList<>();
        if (context.shard().isEmpty()) {
            mine.addAll(all);
        } else {
            context.shard().get().items().forEach(i -> mine.add(all.get(i)));
        }
        return mine;
    }
}
