package io.flowmesh.reference.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.flowmesh.conformance.probe.TraceJson;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.EffectTrace;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.reference.ReferenceImplementation;

/**
 * Runs inline templates through the reference implementation, as the kit does, and reads values out
 * of their traces. The one place behaviour tests share, so every test states only its template and
 * what it expects.
 */
final class TemplateRuns {

    private TemplateRuns() {
    }

    /** The repository root the build hands tests, holding templates/ and fixtures/. */
    static Path repositoryRoot() {
        String configured = System.getProperty("flowmesh.repository.root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("templates")).as("templates/ under the repository root %s", root).isDirectory();
        return root;
    }

    /** The committed fixture model store. */
    static Path fixtureStore() {
        return repositoryRoot().resolve("fixtures/model-store");
    }

    /** Run options over the fixture model store and the fixture URL mirror, as the audit uses. */
    static RunOptions fixtureOptions() {
        return RunOptions.defaults()
                .with(RunOptions.MODEL_STORE, fixtureStore().toString())
                .with(RunOptions.URL_MIRROR, repositoryRoot().resolve("fixtures/url-mirror").toString());
    }

    /** Runs the template with the fixture options and expects it to complete. */
    static RunResult.Completed completed(String yaml) {
        return completed(yaml, fixtureOptions());
    }

    /** Runs the template and expects it to complete; the failure message lists the violations. */
    static RunResult.Completed completed(String yaml, RunOptions options) {
        RunResult result = new ReferenceImplementation().run(yaml, options);
        assertThat(result).as("run result of:%n%s", yaml).isInstanceOf(RunResult.Completed.class);
        return (RunResult.Completed) result;
    }

    /** Runs the template with the fixture options and expects it to be refused. */
    static RunResult.Rejected rejected(String yaml) {
        return rejected(yaml, fixtureOptions());
    }

    /** Runs the template and expects it to be refused. */
    static RunResult.Rejected rejected(String yaml, RunOptions options) {
        RunResult result = new ReferenceImplementation().run(yaml, options);
        assertThat(result).as("run result of:%n%s", yaml).isInstanceOf(RunResult.Rejected.class);
        return (RunResult.Rejected) result;
    }

    /** The only violation of a refused run. */
    static Diagnostic onlyViolation(RunResult.Rejected rejected) {
        assertThat(rejected.violations()).as("violations").hasSize(1);
        return rejected.violations().get(0);
    }

    /** The value of the one effect on this channel with this key; fails when there is none or several. */
    static Object value(RunResult.Completed run, String channel, String key) {
        return value(run.trace(), channel, key);
    }

    /** The value of the one effect on this channel with this key; fails when there is none or several. */
    static Object value(EffectTrace trace, String channel, String key) {
        List<Object> matches = trace.effects().stream()
                .filter(e -> e.channel().equals(channel) && e.key().equals(key))
                .map(Effect::value)
                .toList();
        assertThat(matches).as("effects %s/%s in the trace:%n%s", channel, key, TraceJson.write(trace)).hasSize(1);
        return matches.get(0);
    }

    /** The canonical text of a completed run's trace. */
    static String traceText(RunResult.Completed run) {
        return TraceJson.write(run.trace());
    }

    /** The 1-based line of the first line of the template that contains this text. */
    static int lineOf(String yaml, String text) {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("'" + text + "' is not in the template:\n" + yaml);
    }

    /** The text of a bundled template, e.g. {@code template("vllm_revision_pinned.yaml")}. */
    static String template(String fileName) {
        try {
            return Files.readString(repositoryRoot().resolve("templates").resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
