package io.flowmesh.conformance.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.apiguardian.api.API;

/**
 * The bench's baseline, in a JVM of its own: a plain YAML parse (Jackson's YAML reader with its defaults,
 * text to tree) of each template, at its best. In the JVM that audits, the parse's speed depends on what
 * else ran there: the JIT compiles Jackson's shared code for every caller, and a parse measured beside an
 * audit that reads its probes as JSON ran a quarter to a third slower than beside one that reads them as
 * YAML, which moved the probe cost by more than the change being measured. A JVM that only parses, as a
 * JMH fork does, gives the same parse whatever the audit does.
 *
 * <p>A child of the bench ({@link BaselineProcess}), spoken to on its standard streams: it reads the
 * templates' texts as a JSON array of strings on one line, parses all of them until its JIT has settled
 * ({@link Timings#warmUntilSettled}: a fresh JVM's C2 takes seconds to compile Jackson's and SnakeYAML's
 * code), writes {@code ready} with what the warm-up came to, then answers
 * each {@code measure} line with one line of each text's seconds per parse, the mean of a measurement of
 * {@code parses} parses taken after as many unmeasured ones, and each {@code threads N} line with the
 * seconds that a fixed number of passes over all the texts take on {@code N} threads: as many as take
 * about {@link #THREADED_WORK} on one thread, so that a small corpus is not timed in the pool's start-up
 * ({@link #passesFor}). It ends at the end of its input.
 *
 * <p>The threaded figure is the machine's own scaling for this kind of work: a plain parse allocates as an
 * audit does, and on a shared machine two threads of it are not always twice as fast as one (memory, the
 * collector's threads, neighbours), so the bench sets the audit's {@code --jobs} speed-up beside it.
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public final class ParseBaseline {

    /** The request for one measurement. */
    static final String MEASURE = "measure";
    /** The request for one threaded timing: {@code threads N}. */
    static final String THREADS = "threads";
    /** Written once the warm-up is over, followed by its seconds, its {@link Timings.Warmup.Settling} and last share. */
    static final String READY = "ready";
    /** The work of a threaded timing on one thread: long beside a pool's start, short beside a round. */
    static final Duration THREADED_WORK = Duration.ofMillis(300);

    private static final YAMLMapper PLAIN_YAML = new YAMLMapper();

    private ParseBaseline() {
    }

    /**
     * @param args the longest warm-up in milliseconds and the parses of a measurement
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ParseBaseline WARMUP_LIMIT_MS PARSES, the texts on standard input");
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        List<String> texts = new ObjectMapper().readValue(in.readLine(), new TypeReference<List<String>>() { });
        int parses = Integer.parseInt(args[1]);
        Timings.Warmup warmup = Timings.warmUntilSettled(Duration.ofMillis(Long.parseLong(args[0])),
                JitSettings::compilingSeconds, System::nanoTime, () -> texts.forEach(ParseBaseline::parse));
        int passes = passesFor(texts, ParseBaseline::parse);
        out.println(READY + " " + format(warmup.seconds()) + " " + warmup.settling() + " " + format(warmup.lastShare()));
        out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals(MEASURE)) {
                out.println(measured(texts, parses, ParseBaseline::parse).stream()
                        .map(ParseBaseline::format).collect(Collectors.joining(" ")));
            } else if (line.startsWith(THREADS + " ")) {
                out.println(format(threaded(texts, passes, Integer.parseInt(line.substring(THREADS.length() + 1)),
                        ParseBaseline::parse)));
            } else {
                throw new IllegalArgumentException("expected '" + MEASURE + "' or '" + THREADS + " N', got '" + line + "'");
            }
            out.flush();
        }
    }

    private static String format(double seconds) {
        return String.format(Locale.ROOT, "%.9e", seconds);
    }

    /**
     * How many passes over all the texts take about {@link #THREADED_WORK} on one thread, from the fastest
     * of five timed passes; at least 2, so that two threads always have a pass each.
     */
    static int passesFor(List<String> texts, Consumer<String> parse) {
        long fastest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            texts.forEach(parse);
            fastest = Math.min(fastest, System.nanoTime() - start);
        }
        return (int) Math.max(2, Math.min(1_000_000, THREADED_WORK.toNanos() / Math.max(1, fastest)));
    }

    /**
     * The seconds {@code passes} passes over all the texts take on a pool of {@code threads} threads, each
     * pass one task, as an audit's templates are.
     */
    static double threaded(List<String> texts, int passes, int threads, Consumer<String> parse) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> work = new ArrayList<>(passes);
            for (int i = 0; i < passes; i++) {
                work.add(() -> {
                    texts.forEach(parse);
                    return null;
                });
            }
            long start = System.nanoTime();
            for (Future<Void> done : pool.invokeAll(work)) {
                done.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the threaded parses were interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each text's seconds per {@code parse}. */
    static List<Double> measured(List<String> texts, int parses, Consumer<String> parse) {
        List<Double> seconds = new ArrayList<>(texts.size());
        for (String text : texts) {
            for (int i = 0; i < parses; i++) {
                parse.accept(text);
            }
            long start = System.nanoTime();
            for (int i = 0; i < parses; i++) {
                parse.accept(text);
            }
            seconds.add((System.nanoTime() - start) / 1e9 / parses);
        }
        return seconds;
    }

    /** One plain parse; a text that is not YAML is the bench's input error, named by its caller. */
    static void parse(String yaml) {
        try {
            PLAIN_YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a template is not YAML: " + e.getOriginalMessage(), e);
        }
    }
}
