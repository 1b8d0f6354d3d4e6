package io.flowmesh.reference.execute;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.flowmesh.reference.parse.TemplateProblem;

/**
 * The echo executor: returns its task's {@code data.items} (already handed over on the {@code data}
 * channel), joined by spaces, as the task's {@code text}. Upstream's echo spec has no section of its
 * own: the data is the message.
 */
final class EchoExecutor implements Executor {

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public Map<String, List<String>> consumes() {
        return Map.of();
    }

    @Override
    public void execute(TaskContext context) throws TemplateProblem {
        Object items = context.resolved(context.section("data").get("items"), "data/items");
        String text = items instanceof List<?> list ? list.stream().map(String::valueOf).collect(Collectors.joining(" "))
                : items == null ? "" : String.valueOf(items);
        context.publish("text", text);
    }
}
