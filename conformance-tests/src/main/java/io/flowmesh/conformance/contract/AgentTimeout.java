package io.flowmesh.conformance.contract;

import static io.flowmesh.conformance.contract.Scenarios.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flowmesh.conformance.probe.Values;
import io.flowmesh.conformance.spi.RunOptions;

/**
 * {@code spec.agent.timeout} replaces upstream's hard-coded agent timeouts: positive integer seconds,
 * 600 when absent, bounding the <em>whole</em> event stream of a task and of every batch item (upstream
 * bounded only the tail, so a stalled stream was never cut). A single task's timeout is retryable; a
 * batch item's is a failed item.
 *
 * <p>The oracle: the kit scripts every agent run ({@value RunOptions#AGENT_SCRIPTS}), so it knows when
 * each event is due and computes, for the timeout it wrote, where the run must end.
 */
final class AgentTimeout extends Contract {

    private static final List<String> TIMEOUT = List.of("/spec/agent/timeout");

    /** Scripted agent runs: the task text, its events' due times and its finish time, in seconds. */
    record Script(String task, List<Long> events, long finish) {
    }

    static final Script STALLS = new Script("stall past the timeout", List.of(5L, 10L, 400L), 405);
    static final Script RUNS_LONG = new Script("work for eleven minutes", List.of(5L, 650L), 700);
    static final Script FINISHES_AT_600 = new Script("finish at the default bound", List.of(5L, 599L), 600);
    static final Script STALLS_PAST_600 = new Script("stall past the default bound", List.of(5L, 601L), 610);
    static final Script QUICK = new Script("triage a short report", List.of(10L, 20L), 50);
    static final Script SLOW = new Script("triage a long report", List.of(100L, 200L), 250);

    AgentTimeout() {
        super("agent-timeout", List.of("agent-timeout"), "agent");
    }

    @Override
    void check(Bench bench, CaseLog log) {
        RunOptions options = bench.options().with(RunOptions.AGENT_SCRIPTS, scriptsFile(bench).toString());
        outcome(log, "stalled-stream-is-cut", "a stream that stalls past the timeout is cut at exactly the timeout,"
                + " as a retryable failure", bench.run(Scenarios.agent(STALLS.task(), map("timeout", 300L)), options),
                expected(STALLS, 300, true));
        outcome(log, "above-600-is-honoured", "a timeout above upstream's 600 s is honoured",
                bench.run(Scenarios.agent(RUNS_LONG.task(), map("timeout", 900L)), options), expected(RUNS_LONG, 900, true));
        outcome(log, "absent-means-600", "without a timeout the bound is 600 s: a finish due at 600 s completes",
                bench.run(Scenarios.agent(FINISHES_AT_600.task(), map()), options), expected(FINISHES_AT_600, 600, true));
        outcome(log, "absent-cuts-at-600", "without a timeout the bound is 600 s: an event due at 601 s is cut",
                bench.run(Scenarios.agent(STALLS_PAST_600.task(), map()), options), expected(STALLS_PAST_600, 600, true));

        List<Script> batch = List.of(QUICK, STALLS, SLOW);
        Observed run = bench.run(Scenarios.agent("triage the batch",
                map("timeout", 300L, "batch", batch.stream().map(Script::task).toList())), options);
        List<Object> items = new ArrayList<>();
        batch.forEach(script -> items.add(expected(script, 300, false)));
        outcome(log, "every-batch-item-is-bounded", "every batch item gets its own clock and the whole timeout; a"
                + " timed-out item fails alone and is not retryable", run, items);

        log.expectRejected("boolean-is-refused", "a boolean timeout is refused naming the field",
                bench.run(Scenarios.agent(QUICK.task(), map("timeout", true)), options), TIMEOUT);
        log.expectRejected("float-is-refused", "a float timeout, even a whole one, is refused naming the field",
                bench.run(Scenarios.agent(QUICK.task(), map("timeout", 300.0)), options), TIMEOUT);
        log.expectRejected("string-is-refused", "a string timeout, even \"300\", is refused naming the field",
                bench.run(Scenarios.agent(QUICK.task(), map("timeout", "300")), options), TIMEOUT);
        log.expectRejected("zero-is-refused", "a zero timeout is refused naming the field",
                bench.run(Scenarios.agent(QUICK.task(), map("timeout", 0L)), options), TIMEOUT);
    }

    private static void outcome(CaseLog log, String caseName, String rule, Observed run, Object expected) {
        String want = "agent/outcome = " + Observed.show(expected);
        java.util.Optional<String> missing = CaseLog.missing(run, "agent", "outcome");
        if (missing.isPresent()) {
            log.record(caseName, rule, false, want, missing.get());
            return;
        }
        Object actual = project(run.value("agent", "outcome").orElse(null));
        log.record(caseName, rule, Observed.same(expected, actual), want, "agent/outcome = " + Observed.show(actual));
    }

    /** The outcome keys the contract reads; an implementation may record more. */
    private static Object project(Object outcome) {
        if (outcome instanceof List<?> list) {
            return list.stream().map(AgentTimeout::project).toList();
        }
        if (outcome instanceof Map<?, ?> map) {
            Map<String, Object> kept = new LinkedHashMap<>();
            for (String key : List.of("status", "elapsed_seconds", "events", "retryable")) {
                if (map.containsKey(key)) {
                    kept.put(key, map.get(key));
                }
            }
            return kept;
        }
        return outcome;
    }

    /**
     * Where a scripted run must end under a timeout: completed at its finish when nothing is due after
     * the timeout; otherwise cut at the timeout with the events due by then delivered, retryable only
     * as a single task.
     */
    static Map<String, Object> expected(Script script, long timeout, boolean single) {
        boolean cut = script.finish() > timeout || script.events().stream().anyMatch(at -> at > timeout);
        long delivered = script.events().stream().filter(at -> at <= timeout).count();
        return map("status", cut ? "timed_out" : "completed", "elapsed_seconds", cut ? timeout : script.finish(),
                "events", delivered, "retryable", cut && single);
    }

    private static Path scriptsFile(Bench bench) {
        List<Object> scripts = new ArrayList<>();
        for (Script script : List.of(STALLS, RUNS_LONG, FINISHES_AT_600, STALLS_PAST_600, QUICK, SLOW)) {
            scripts.add(map("task", script.task(),
                    "events", script.events().stream().map(at -> (Object) map("at_seconds", at, "kind", "message")).toList(),
                    "finish_at_seconds", script.finish(), "result", "done: " + script.task()));
        }
        return bench.write("agent-scripts.json", Values.canonical(map("scripts", scripts)));
    }
}
