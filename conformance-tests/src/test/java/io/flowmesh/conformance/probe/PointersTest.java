package io.flowmesh.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PointersTest {

    @Test
    void escapesTildeBeforeSlash() {
        assertThat(Pointers.escape("a~b/c")).as("~ becomes ~0 and / becomes ~1").isEqualTo("a~0b~1c");
        assertThat(Pointers.escape("~1")).as("a literal ~1 must not read back as /").isEqualTo("~01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a/b", "a~b", "~1", "~0", "/~", "~/", "", "x~01y"})
    void escapedSegmentReadsBackUnchanged(String segment) {
        String pointer = "/spec/" + Pointers.escape(segment);

        assertThat(Pointers.segments(pointer)).as("segments of %s", pointer).containsExactly("spec", segment);
        assertThat(Pointers.last(pointer)).as("last segment of %s", pointer).isEqualTo(segment);
        assertThat(Pointers.parent(pointer)).as("parent of %s", pointer).isEqualTo("/spec");
    }

    @Test
    void splitsPointersIntoSegments() {
        assertThat(Pointers.segments("")).as("the whole document has no segments").isEmpty();
        assertThat(Pointers.segments("/")).as("/ names the empty key").containsExactly("");
        assertThat(Pointers.segments("/a//b/")).as("empty segments are kept").containsExactly("a", "", "b", "");
        assertThat(Pointers.segments("/spec/stages/0")).containsExactly("spec", "stages", "0");
    }

    @Test
    void refusesTextThatIsNotAPointer() {
        assertThatIllegalArgumentException().isThrownBy(() -> Pointers.segments("spec/stages"))
                .withMessageContaining("spec/stages");
    }

    @Test
    void namesTheParentContainer() {
        assertThat(Pointers.parent("/spec/training/log_with")).isEqualTo("/spec/training");
        assertThat(Pointers.parent("/spec")).as("a top-level field's parent is the document").isEqualTo("");
        assertThat(Pointers.parent("")).as("the document has no parent above it").isEqualTo("");
        assertThat(Pointers.parent("/spec/stages/3")).isEqualTo("/spec/stages");
    }

    @Test
    void namesTheLastSegment() {
        assertThat(Pointers.last("/spec/stages/3")).isEqualTo("3");
        assertThat(Pointers.last("")).as("the document has no last segment").isEqualTo("");
    }
}
