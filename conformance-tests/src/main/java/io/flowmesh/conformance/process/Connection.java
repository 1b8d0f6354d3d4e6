package io.flowmesh.conformance.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One running implementation process and the threads that talk to it: a reader that splits its
 * stdout into lines no longer than the limit, a drain that keeps the tail of its stderr, and a writer
 * that sends requests, so that no read or write can block the audit past a deadline.
 */
final class Connection {

    /** What the reader saw next on stdout. */
    sealed interface Line permits Line.Text, Line.TooLong, Line.NotUtf8, Line.End {

        /** A whole line. */
        record Text(String text) implements Line {
        }

        /** A line longer than the limit; reading stopped there. */
        record TooLong(int limit) implements Line {
        }

        /** A line that is not UTF-8 text. */
        record NotUtf8(int bytes) implements Line {
        }

        /** The end of stdout, or a failure to read it. */
        record End(String why) implements Line {
        }
    }

    /** The process broke the protocol; the connection is unusable and must be killed. */
    static final class Fault extends Exception {

        private static final long serialVersionUID = 1L;

        Fault(String message) {
            super(message);
        }
    }

    private final ProcessTree tree;
    private final StderrTail stderr;
    private final BlockingQueue<Line> lines = new ArrayBlockingQueue<>(2);
    private final ExecutorService writer;
    private final Thread reader;
    private final Thread drain;
    private final OutputStream stdin;

    private Connection(ProcessTree tree, int maxLineBytes, int stderrTailBytes) {
        this.tree = tree;
        this.stderr = new StderrTail(stderrTailBytes);
        this.stdin = tree.process().getOutputStream();
        this.writer = Executors.newSingleThreadExecutor(r -> daemon(r, "flowmesh-impl-writer"));
        this.reader = daemon(() -> readLines(tree.process().getInputStream(), maxLineBytes), "flowmesh-impl-stdout");
        this.drain = daemon(() -> stderr.drain(tree.process().getErrorStream()), "flowmesh-impl-stderr");
        reader.start();
        drain.start();
    }

    /**
     * Starts the command.
     *
     * @throws IOException when it cannot be started
     */
    static Connection start(List<String> command, ProcessLimits limits) throws IOException {
        return new Connection(ProcessTree.start(command), limits.maxLineBytes(), limits.stderrTailBytes());
    }

    /**
     * Sends one request line and waits for the next stdout line until the deadline.
     *
     * @throws Fault when the request cannot be sent or no usable line comes back in time
     */
    String exchange(byte[] request, long timeoutNanos) throws Fault {
        long deadline = System.nanoTime() + timeoutNanos;
        Future<?> sent = writer.submit(() -> {
            stdin.write(request);
            stdin.write('\n');
            stdin.flush();
            return null;
        });
        Line line;
        try {
            line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Fault("the audit was interrupted while waiting for the answer");
        }
        if (line == null) {
            throw new Fault(sent.isDone() ? "it did not answer within " + seconds(timeoutNanos)
                    : "it did not read its request within " + seconds(timeoutNanos));
        }
        if (line instanceof Line.Text text) {
            return text.text();
        }
        if (line instanceof Line.TooLong tooLong) {
            throw new Fault("its answer line is longer than " + tooLong.limit() + " bytes (-D"
                    + ProcessLimits.MAX_LINE_PROPERTY + ")");
        }
        if (line instanceof Line.NotUtf8 notUtf8) {
            throw new Fault("its answer line of " + notUtf8.bytes() + " bytes is not UTF-8 text");
        }
        // Give a dying process a moment, so that its exit code can be quoted.
        waitForExit(200);
        throw new Fault("it closed its output " + ((Line.End) line).why());
    }

    /** Closes the process's input, which ends the protocol, and waits up to the grace for it to exit. */
    boolean closeInput(long graceMillis) {
        try {
            stdin.close();
        } catch (IOException e) {
            // The process already closed its end; it is killed below if it does not exit.
        }
        return waitForExit(graceMillis) && !tree.anyAlive();
    }

    /** Kills the process and everything it started, and stops this connection's threads. */
    void kill() {
        tree.kill();
        writer.shutdownNow();
        reader.interrupt();
        drain.interrupt();
    }

    /** Whether the process or anything it started is still running. */
    boolean anyAlive() {
        return tree.anyAlive();
    }

    /** " (exited with N)" once the process has exited, else empty. */
    String exitState() {
        Process process = tree.process();
        return process.isAlive() ? "" : " (exited with " + process.exitValue() + ")";
    }

    /** The last stderr lines, one line of text, or empty. */
    String stderrTail(int characters) {
        if (!tree.process().isAlive()) {
            // A process that died has said its last words; let the drain read them to the end.
            try {
                drain.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return stderr.tail(characters);
    }

    long pid() {
        return tree.process().pid();
    }

    private boolean waitForExit(long millis) {
        try {
            return tree.process().waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void readLines(InputStream raw, int maxLineBytes) {
        byte[] buffer = new byte[64 << 10];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (InputStream in = raw) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                int start = 0;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] != '\n') {
                        continue;
                    }
                    if (line.size() + (i - start) > maxLineBytes) {
                        lines.put(new Line.TooLong(maxLineBytes));
                        return;
                    }
                    line.write(buffer, start, i - start);
                    lines.put(decode(line.toByteArray()));
                    line.reset();
                    start = i + 1;
                }
                if (line.size() + (read - start) > maxLineBytes) {
                    // Stop before holding more than the limit: the rest of the line is never read.
                    lines.put(new Line.TooLong(maxLineBytes));
                    return;
                }
                line.write(buffer, start, read - start);
            }
            lines.put(new Line.End("before answering"));
        } catch (IOException e) {
            lines.offer(new Line.End("it cannot be read: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Line decode(byte[] bytes) {
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return new Line.Text(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length)).toString());
        } catch (CharacterCodingException e) {
            return new Line.NotUtf8(length);
        }
    }

    private static String seconds(long nanos) {
        double s = nanos / 1e9;
        return (s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s)) + " s (-D"
                + ProcessLimits.TIMEOUT_PROPERTY + ")";
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
