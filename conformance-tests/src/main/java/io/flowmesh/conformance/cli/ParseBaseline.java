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
 * templates' texts as a JSON array of strings on one line, parses all of them for the warm-up (a fresh
 * JVM's C2 takes seconds to compile Jackson's and SnakeYAML's code), writes {@code ready}, then answers
 * each {@code measure} line with one line of each text's seconds per parse, the mean of a measurement of
 * {@code parses} parses taken after as many unmeasured ones. It ends at the end of its input.
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public final class ParseBaseline {

    /** The request for one measurement. */
    static final String MEASURE = "measure";
    /** Written once the warm-up is over. */
    static final String READY = "ready";

    private static final YAMLMapper PLAIN_YAML = new YAMLMapper();

    private ParseBaseline() {
    }

    /**
     * @param args the warm-up in milliseconds and the parses of a measurement
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ParseBaseline WARMUP_MS PARSES, the texts on standard input");
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        List<String> texts = new ObjectMapper().readValue(in.readLine(), new TypeReference<List<String>>() { });
        int parses = Integer.parseInt(args[1]);
        Timings.warmFor(Duration.ofMillis(Long.parseLong(args[0])), () -> texts.forEach(ParseBaseline::parse));
        out.println(READY);
        out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.equals(MEASURE)) {
                throw new IllegalArgumentException("expected '" + MEASURE + "', got '" + line + "'");
            }
            out.println(measured(texts, parses, ParseBaseline::parse).stream()
                    .map(seconds -> String.format(Locale.ROOT, "%.9e", seconds)).collect(Collectors.joining(" ")));
            out.flush();
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
