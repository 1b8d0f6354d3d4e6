package io.flowmesh.conformance.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The bench's baseline JVM ({@link ParseBaseline}), started once and warmed, then asked for a measurement
 * between the rounds of audits, when it has the machine to itself: while the bench audits, it waits on its
 * input and takes no CPU.
 */
final class BaselineProcess implements AutoCloseable {

    private final Process process;
    private final PrintStream requests;
    private final BufferedReader answers;
    private final int templates;
    private Timings.Warmup warmup;

    private BaselineProcess(Process process, int templates) {
        this.process = process;
        this.requests = new PrintStream(process.getOutputStream(), false, StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.templates = templates;
    }

    /**
     * Starts the baseline JVM with this JVM's java, class path and compiler and collector options (so that
     * its parses are compiled as this JVM's audits are), hands it the texts and waits for the end of its
     * warm-up.
     */
    static BaselineProcess start(List<String> texts, Duration warmup, int parses) {
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(JitSettings.commandLineOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ParseBaseline.class.getName(),
                Long.toString(warmup.toMillis()), Integer.toString(parses)));
        BaselineProcess started;
        try {
            started = new BaselineProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start(), texts.size());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the baseline's JVM: " + e.getMessage(), e);
        }
        try {
            started.requests.println(new ObjectMapper().writeValueAsString(texts));
            started.requests.flush();
            String[] ready = String.valueOf(started.answers.readLine()).split(" ");
            started.expect(ready.length == 4 && ready[0].equals(ParseBaseline.READY), "did not finish its warm-up");
            started.warmup = new Timings.Warmup(Double.parseDouble(ready[1]), Timings.Warmup.Settling.valueOf(ready[2]),
                    Double.parseDouble(ready[3]));
            return started;
        } catch (IOException e) {
            started.close();
            throw new IllegalStateException("the baseline's JVM cannot be spoken to: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /** What the baseline JVM's warm-up came to. */
    Timings.Warmup warmup() {
        return warmup;
    }

    /** Each text's seconds per parse, measured now. */
    List<Double> measure() {
        requests.println(ParseBaseline.MEASURE);
        requests.flush();
        try {
            String line = answers.readLine();
            expect(line != null, "ended without an answer");
            List<Double> seconds = Arrays.stream(line.split(" ")).map(Double::parseDouble).toList();
            expect(seconds.size() == templates, "answered " + seconds.size() + " figures for " + templates + " templates");
            return seconds;
        } catch (IOException e) {
            throw new IllegalStateException("the baseline's JVM cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The seconds the baseline's passes over all the texts take on this many threads, now: the same passes
     * at every call ({@link ParseBaseline#passesFor}).
     */
    double threaded(int threads) {
        requests.println(ParseBaseline.THREADS + " " + threads);
        requests.flush();
        try {
            String line = answers.readLine();
            expect(line != null, "ended without an answer");
            return Double.parseDouble(line);
        } catch (IOException e) {
            throw new IllegalStateException("the baseline's JVM cannot be read: " + e.getMessage(), e);
        }
    }

    private void expect(boolean condition, String otherwise) {
        if (!condition) {
            throw new IllegalStateException("the baseline's JVM " + otherwise + " (its stderr is above)");
        }
    }

    /** The java this JVM runs on. */
    static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    @Override
    public void close() {
        requests.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
