package io.flowmesh.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.flowmesh.conformance.suite.SuiteSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/python-implementation/}, a stdlib-only implementation of protocol version 2, is
 * audited as its README says, so the example and the protocol documentation cannot drift apart. It
 * declares one task type, so the verdict must name that partial profile, never a bare CONFORMANT.
 *
 * <p>The default build needs {@code python3} for this; {@value #SKIP}{@code =true} leaves it out on a
 * machine without Python, by choice and visibly, rather than passing by default.
 */
class PythonExampleTest {

    /** System property that leaves this audit out (a machine without Python 3). */
    static final String SKIP = "examples.python.skip";

    private static final String PYTHON = System.getProperty("flowmesh.python", "python3");

    @BeforeAll
    static void pythonIsThere() {
        org.junit.jupiter.api.Assumptions.assumeFalse(Boolean.getBoolean(SKIP), "-D" + SKIP + "=true");
        if (!runs(List.of(PYTHON, "--version"))) {
            fail("%s is needed to audit examples/python-implementation (the default build audits it);"
                    + " install Python 3, or set -D%s=true to leave the example out", PYTHON, SKIP);
        }
    }

    @Test
    void thePythonExamplesAuditIsConformantForTheEchoProfile() {
        Path script = SuiteSettings.root().resolve("examples/python-implementation/flowmesh_echo.py");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = FlowMeshConformance.execute(new String[] {"audit", "--process", PYTHON + " " + script},
                new PrintWriter(out, true), new PrintWriter(err, true));

        List<String> lines = out.toString().lines().toList();
        assertThat(exit).as("exit code; stderr: %s%nreport:%n%s", err, out).isZero();
        assertThat(lines).as("the verdict is the report's last line").last().asString()
                .matches("CONFORMANT for task types \\[echo\\]: [1-9]\\d* of \\d+ templates, [1-9]\\d* of \\d+ rows,"
                        + " 0 of \\d+ contracts");
        assertThat(out.toString()).as("the echo template is measured through the JSON document, not skipped")
                .contains(" 0 failed; ").doesNotContain("undocumented no-op:");
    }

    private static boolean runs(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
