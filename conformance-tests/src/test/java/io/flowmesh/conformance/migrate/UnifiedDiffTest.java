package io.flowmesh.conformance.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(UnifiedDiff.of("t.yaml", "a\n", "a\n")).isEmpty();
    }

    @Test
    void aRemovedLineIsOneHunkWithThreeLinesOfContext() {
        String diff = UnifiedDiff.of("dir/t.yaml", "a\nb\nc\nd\ne\nf\ng\n", "a\nb\nc\ne\nf\ng\n");

        assertThat(diff).isEqualTo("""
                --- a/dir/t.yaml
                +++ b/dir/t.yaml
                @@ -1,7 +1,6 @@
                 a
                 b
                 c
                -d
                 e
                 f
                 g
                """);
    }

    @Test
    void aLastLineWithoutBreakIsMarked() {
        String diff = UnifiedDiff.of("/tmp/t.yaml", "a\nb", "a");

        // The last line of each side lacks a break: "-a -b" and "+a" differ in it, and each is marked.
        assertThat(diff.split("\n", -1)).containsExactly("--- a/tmp/t.yaml", "+++ b/tmp/t.yaml", "@@ -1,2 +1,1 @@",
                "-a", "-b", "\\ No newline at end of file", "+a", "\\ No newline at end of file", "");
    }
}
