package io.flowmesh.reference.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.suite.SuiteSettings;
import org.junit.jupiter.api.Test;

/**
 * The same template gives the same trace byte for byte in two JVMs, not only twice in one: the JDK's
 * immutable maps and sets iterate in an order drawn afresh at every start, so a trace built from one
 * would pass the audit's in-JVM determinism check and still differ from run to run.
 */
class CrossJvmDeterminismTest {

    @Test
    void everyBundledTemplateGivesTheSameTraceInTwoJvms() throws Exception {
        RunOptions options = SuiteSettings.runOptions();
        List<String> args = List.of(SuiteSettings.templates().toString(), options.get(RunOptions.MODEL_STORE).orElseThrow(),
                options.get(RunOptions.URL_MIRROR).orElseThrow());

        String first = dump(args);
        String second = dump(args);

        assertThat(first).as("traces of the bundled templates").contains("== echo_hello.yaml").contains("\"channel\"");
        assertThat(second).isEqualTo(first);
    }

    private static String dump(List<String> args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                TraceDump.class.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the dump finished").isTrue();
        assertThat(process.exitValue()).as("the dump's exit code").isZero();
        return out;
    }
}
