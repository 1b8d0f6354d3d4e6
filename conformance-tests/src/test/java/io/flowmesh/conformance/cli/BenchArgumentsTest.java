package io.flowmesh.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class BenchArgumentsTest {

    @Test
    void theFreshJvmsAuditIsQuietOnceWhetherTheBenchWasGivenQuietOrNot() {
        assertThat(BenchCommand.quietAudit(List.of("--quiet", "--jobs=2", "--templates=t")))
                .containsExactly("audit", "--quiet", "--jobs=2", "--templates=t");
        assertThat(BenchCommand.quietAudit(List.of("--jobs=2"))).containsExactly("audit", "--quiet", "--jobs=2");
    }
}
