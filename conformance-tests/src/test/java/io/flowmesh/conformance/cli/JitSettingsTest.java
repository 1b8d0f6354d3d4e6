package io.flowmesh.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** What a JVM started with given options says of its own compilers, asked in a JVM of its own. */
class JitSettingsTest {

    /** The child: prints its mode, then its command-line options, one a line. */
    public static void main(String[] args) {
        System.out.println(JitSettings.mode());
        JitSettings.commandLineOptions().forEach(System.out::println);
        System.out.println(JitSettings.compilingSeconds() >= 0 ? "measured" : "not measured");
    }

    private static List<String> askedOf(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), JitSettingsTest.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        // Options from the environment would reach the child as set on its command line; only the given ones may.
        builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS"));
        Process child = builder.start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ended").isTrue();
        assertThat(child.exitValue()).as("the child's exit, printing: %s", out).isZero();
        return out.lines().toList();
    }

    @Test
    void aJvmLimitedToC1HandsItsCompilerAndCollectorOptionsOnAndSaysSo() throws Exception {
        assertThat(askedOf("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"))
                .containsExactly("C1 only", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "measured");
    }

    @Test
    void aJvmWithTheDefaultsHandsNothingOnAndRunsBothCompilers() throws Exception {
        assertThat(askedOf()).containsExactly("C1 and C2", "measured");
    }

    @Test
    void aJvmWithoutTieredCompilationRunsC2Only() throws Exception {
        assertThat(askedOf("-XX:-TieredCompilation")).containsExactly("C2 only", "-XX:-TieredCompilation", "measured");
    }
}
