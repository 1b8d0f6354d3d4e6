package io.flowmesh.conformance.process;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Function;

import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.spi.ParseResult;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import org.apiguardian.api.API;

/**
 * Up to N processes of one implementation, so that an audit with {@code --jobs N} keeps N requests in
 * flight although each process answers one request at a time. The first process starts at once and
 * describes the implementation; the others start when the requests in flight need them, and each must
 * describe itself under the same name. Every process keeps its own restarts and limits
 * ({@link ProcessImplementation}); a call takes the process that answered last, so a small audit runs on
 * one warm process.
 *
 * <p>The pool declares concurrent calls whatever the process says of itself: its processes are separate.
 * What an implementation keeps between requests (a cache, a warm engine) is then per process, which the
 * audit's determinism check holds to giving the same traces.
 */
@API(status = API.Status.INTERNAL, since = "0.4")
public final class ProcessPool implements WorkflowImplementation, AutoCloseable {

    private final List<String> command;
    private final ProcessLimits limits;
    private final int size;
    private final ProcessImplementation first;
    private final BlockingDeque<ProcessImplementation> idle = new LinkedBlockingDeque<>();
    private final List<ProcessImplementation> started = new ArrayList<>();
    private boolean closed;

    /**
     * Starts the first process and asks it to describe itself.
     *
     * @param size the most processes at once; at least 1
     * @throws ProtocolException when the first process cannot start or does not describe itself
     */
    public ProcessPool(List<String> command, ProcessLimits limits, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a process pool has at least one process, not " + size);
        }
        this.command = List.copyOf(command);
        this.limits = limits;
        this.size = size;
        this.first = new ProcessImplementation(command, limits);
        started.add(first);
        idle.add(first);
    }

    @Override
    public String name() {
        return first.name();
    }

    @Override
    public String version() {
        return first.version();
    }

    @Override
    public Capabilities capabilities() {
        Capabilities declared = first.capabilities();
        return new Capabilities(declared.taskTypes(), declared.backends(), true, declared.witnessed());
    }

    @Override
    public ParseResult parse(String yaml, String sourceName) {
        return withProcess(process -> process.parse(yaml, sourceName));
    }

    @Override
    public RunResult run(String yaml, RunOptions options) {
        return withProcess(process -> process.run(yaml, options));
    }

    /** How many processes were started (for reports and tests). */
    public synchronized int processes() {
        return started.size();
    }

    /** The restarts of all processes together. */
    public synchronized int restarts() {
        return started.stream().mapToInt(ProcessImplementation::restarts).sum();
    }

    private <T> T withProcess(Function<ProcessImplementation, T> call) {
        ProcessImplementation process = borrow();
        try {
            return call.apply(process);
        } finally {
            idle.addFirst(process);
        }
    }

    private ProcessImplementation borrow() {
        ProcessImplementation process = idle.pollFirst();
        if (process != null) {
            return process;
        }
        synchronized (this) {
            if (closed) {
                throw new ProtocolException(first.name() + ": the implementation processes were closed");
            }
            if (started.size() < size) {
                ProcessImplementation another = new ProcessImplementation(command, limits);
                started.add(another);
                if (!another.name().equals(first.name())) {
                    throw new ProtocolException("the implementation process " + command + " described itself as '"
                            + another.name() + "' when another of its processes is '" + first.name() + "'");
                }
                return another;
            }
        }
        try {
            return idle.takeFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtocolException(first.name() + ": interrupted while waiting for a free implementation process");
        }
    }

    /** Closes every process (each as {@link ProcessImplementation#close()} does). */
    @Override
    public synchronized void close() {
        closed = true;
        started.forEach(ProcessImplementation::close);
    }
}
