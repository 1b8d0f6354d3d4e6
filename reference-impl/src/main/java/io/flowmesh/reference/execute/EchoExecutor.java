package io.flowmesh.reference.execute;

import java.util.List;
import java.util.Map;

import io.flowmesh.reference.parse.TemplateProblem;

/** The echo executor: hands its message over and returns it as the task's {@code text}, repeated {@code repeat} times. */
final class EchoExecutor implements Executor {

    static final List<String> ECHO = List.of("message", "repeat");

    private static final Map<String, List<String>> CONSUMES = Map.of("echo", ECHO);

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public Map<String, List<String>> consumes() {
        return CONSUMES;
    }

    @Override
    public void execute(TaskContext context) throws TemplateProblem {
        context.handOver("echo", ECHO, "echo");
        Object message = context.resolved(context.section("echo").get("message"), "echo/message");
        Object repeat = context.section("echo").getOrDefault("repeat", 1L);
        int times = repeat instanceof Number n ? Math.max(1, n.intValue()) : 1;
        context.publish("text", String.join(" ", java.util.Collections.nCopies(times, String.valueOf(message))));
    }
}
