package io.flowmesh.conformance.contract;

import static io.flowmesh.conformance.contract.Scenarios.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flowmesh.conformance.probe.Values;
import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.witness.AgentRequest;

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

    /** The real-time scripts of the witnessed cases, in seconds of the wall clock. */
    static final String REAL_STALL = "stall for real past one second";
    static final String REAL_QUICK = "answer for real within two seconds";
    /** The window in which a client cut at a 1 s timeout must have given up, in real milliseconds. */
    static final long EARLIEST_MILLIS = 800;
    static final long LATEST_MILLIS = 3000;

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
        if (bench.declares(Capabilities.AGENT)) {
            witnessed(bench, log);
        }
    }

    /**
     * For an implementation whose agents talk to the kit's endpoint ({@link Capabilities#AGENT}), the
     * timeout is observed where it happens: the endpoint streams a script in real seconds and records when
     * the client gave up. A stream that stalls past a 1 s timeout must be abandoned at the timeout (within
     * {@value #EARLIEST_MILLIS} to {@value #LATEST_MILLIS} ms, well before its end at 4 s), and a run that
     * ends in time must be read to its end; each beside the trace's {@code status}.
     */
    private static void witnessed(Bench bench, CaseLog log) {
        Path scripts = bench.write("agent-scripts-real-time.json", Values.canonical(map("scripts", List.of(
                map("task", REAL_STALL, "events", List.of(map("at_seconds", 0.2, "kind", "message")),
                        "finish_at_seconds", 4.0, "result", "done late"),
                map("task", REAL_QUICK, "events", List.of(map("at_seconds", 0.1, "kind", "message")),
                        "finish_at_seconds", 0.3, "result", "done")))));
        disconnect(log, "witnessed-stall-is-cut-at-the-timeout", "a stream that stalls past a 1 s timeout is abandoned"
                + " at the timeout, as the agent endpoint sees it", bench.runAgainstAgentEndpoint(
                        Scenarios.agent(REAL_STALL, map("timeout", 1L)), bench.options(), scripts), REAL_STALL, "timed_out");
        disconnect(log, "witnessed-run-in-time-is-read-to-its-end", "a run that ends before its 2 s timeout is read to"
                + " its end, as the agent endpoint sees it", bench.runAgainstAgentEndpoint(
                        Scenarios.agent(REAL_QUICK, map("timeout", 2L)), bench.options(), scripts), REAL_QUICK, "completed");
    }

    private static void disconnect(CaseLog log, String caseName, String rule, Observed run, String task, String status) {
        boolean cut = status.equals("timed_out");
        String want = "agent/outcome.status = \"" + status + "\", and the agent endpoint seeing the client "
                + (cut ? "give up between " + EARLIEST_MILLIS + " and " + LATEST_MILLIS + " ms" : "read the stream to its end");
        Object outcome = run.value("agent", "outcome").orElse(null);
        Object actual = outcome instanceof Map<?, ?> map ? map.get("status") : null;
        List<AgentRequest> asked = run.witness(Capabilities.AGENT).map(w -> w.asked(task)).orElse(List.of());
        boolean agrees = asked.size() == 1 && (cut ? !asked.get(0).readToTheEnd()
                && asked.get(0).elapsedMillis() >= EARLIEST_MILLIS && asked.get(0).elapsedMillis() <= LATEST_MILLIS
                : asked.get(0).readToTheEnd());
        String seen;
        if (asked.isEmpty()) {
            seen = "no witness: the agent endpoint was not asked for '" + task + "'";
        } else if (agrees) {
            // Real time: a passing case says only that it agreed, so the report is the same on every run.
            seen = "witness: the agent endpoint saw the client " + (cut ? "give up in time" : "read the stream to its end");
        } else {
            seen = "witness: the agent endpoint saw " + asked.size() + " request(s), the first "
                    + (asked.get(0).readToTheEnd() ? "read to its end" : "abandoned") + " after "
                    + asked.get(0).elapsedMillis() + " ms with " + asked.get(0).eventsDelivered() + " event(s) delivered";
        }
        log.record(caseName, rule, status.equals(actual) && agrees, want, (run.completed()
                ? "agent/outcome.status = " + Observed.show(actual) : run.describe()) + "; " + seen);
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
