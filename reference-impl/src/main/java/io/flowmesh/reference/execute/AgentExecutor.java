package io.flowmesh.reference.execute;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.flowmesh.reference.backend.agent.AgentOutcome;
import io.flowmesh.reference.backend.agent.AgentScript;
import io.flowmesh.reference.backend.agent.AgentScripts;
import io.flowmesh.reference.backend.agent.AgentScriptsException;
import io.flowmesh.reference.backend.agent.AgentTimeout;
import io.flowmesh.reference.backend.agent.InvalidAgentTimeoutException;
import io.flowmesh.reference.backend.agent.ScriptedAgents;
import io.flowmesh.reference.parse.TemplateProblem;

/**
 * The agent executor: {@code spec.agent.timeout} (positive integer seconds, default 600) bounds the
 * whole event stream of the agent and of every batch item, replacing upstream's hard-coded timeouts.
 * Agents run on the runtime's virtual clock, so a timeout is enforced, not asserted; a timed-out task
 * is a retryable failure, a timed-out batch item a failed item. A run whose text a script of the
 * {@code agentScripts} run option names replays that script; any other run its derived script
 * ({@link ScriptedAgents}).
 *
 * <p>{@code agent/<task>/outcome} is what the runtime reports, never the settings echoed back:
 * {@code status}, {@code elapsed_seconds} (the virtual time the run ended at), {@code events} (the
 * script events delivered, the finish not counted) and {@code retryable}; a list of those for a batch.
 */
final class AgentExecutor implements Executor {

    /**
     * The {@code agent} keys read. Upstream's agent executor reads only {@code timeout}
     * ({@code _resolve_task_timeout}); the agent's step budget and tools come from the youtu-agent
     * config {@code configName} names, so {@code max_steps} and {@code tools} draw the no-effect warning.
     */
    static final List<String> AGENT = List.of("timeout", "batch");

    private static final String NOT_READ = "upstream's agent executor reads only agent.timeout; the youtu-agent config "
            + "named by configName sets the agent's steps and tools (agent_executor.py)";

    private static final Logger LOG = System.getLogger(AgentExecutor.class.getName());

    private static final Map<String, List<String>> CONSUMES = Map.of("agent", AGENT);

    @Override
    public String name() {
        return "agent";
    }

    @Override
    public Map<String, List<String>> consumes() {
        return CONSUMES;
    }

    @Override
    public Map<String, String> noEffectReasons() {
        return Map.of("agent/max_steps", NOT_READ, "agent/tools", NOT_READ);
    }

    @Override
    public void checkValues(SpecFields fields, ValueProblems problems) {
        problems.check(() -> timeout(fields));
    }

    @Override
    public void execute(TaskContext context) throws TemplateProblem {
        Map<String, Object> agent = context.section("agent");
        Duration timeout = timeout(context);
        String configName = context.spec().configName() == null ? "default" : context.spec().configName();
        String task = context.spec().task() == null ? "" : String.valueOf(context.resolved(context.spec().task(), "task"));
        context.effect("agent", "config_name", configName);
        context.effect("agent", "task", task);
        context.effect("agent", "timeout_seconds", timeout.getSeconds());
        Object batch = context.resolved(agent.get("batch"), "agent/batch");
        AgentScripts scripted;
        try {
            scripted = context.backends().agentScripts();
        } catch (AgentScriptsException e) {
            throw new TemplateProblem(context.pointer(""), "execute.agent-scripts", e.getMessage());
        }
        if (batch instanceof List<?> items && !items.isEmpty()) {
            List<String> tasks = new ArrayList<>();
            items.forEach(item -> tasks.add(String.valueOf(item)));
            context.effect("agent", "batch", tasks);
            List<AgentScript> scripts = new ArrayList<>();
            tasks.forEach(item -> scripts.add(script(scripted, configName, item)));
            List<Object> outcomes = new ArrayList<>();
            for (AgentOutcome outcome : context.backends().agents().runBatch(scripts, timeout).items()) {
                outcomes.add(facts(outcome));
            }
            context.effect("agent", "outcome", outcomes);
        } else {
            AgentOutcome outcome = context.backends().agents().run(script(scripted, configName, task), timeout);
            context.effect("agent", "outcome", facts(outcome));
            if (outcome.result() != null) {
                context.publish("text", outcome.result());
            }
        }
    }

    private static AgentScript script(AgentScripts scripted, String configName, String task) {
        return scripted.forTask(task).orElseGet(() -> ScriptedAgents.forTask(configName, task));
    }

    private static Map<String, Object> facts(AgentOutcome outcome) {
        LOG.log(Level.INFO, outcome.message());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("status", outcome.status().name().toLowerCase(Locale.ROOT));
        facts.put("elapsed_seconds", outcome.elapsed().toNanos() / 1e9);
        facts.put("events", (long) outcome.events().size());
        facts.put("retryable", outcome.retryable());
        return facts;
    }

    private static Duration timeout(SpecFields fields) throws TemplateProblem {
        try {
            return AgentTimeout.parse(fields.section("agent").get("timeout"));
        } catch (InvalidAgentTimeoutException e) {
            throw new TemplateProblem(fields.pointer("agent/timeout"), "execute.agent-timeout", e.getMessage());
        }
    }
}
