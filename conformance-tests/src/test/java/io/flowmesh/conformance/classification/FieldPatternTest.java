package io.flowmesh.conformance.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldPatternTest {

    @Test
    void starMatchesExactlyOneSegment() {
        FieldPattern pattern = new FieldPattern("/metadata/annotations/*");

        assertThat(pattern.matches("/metadata/annotations/description")).as("one segment").isTrue();
        assertThat(pattern.matches("/metadata/annotations")).as("no segment for *").isFalse();
        assertThat(pattern.matches("/metadata/annotations/a/b")).as("two segments for *").isFalse();
    }

    @Test
    void starMatchesAnEscapedSegmentAsOne() {
        assertThat(new FieldPattern("/metadata/annotations/*").matches("/metadata/annotations/flowmesh.io~1team"))
                .as("an escaped / inside a key is still one segment").isTrue();
    }

    @Test
    void doubleStarMatchesZeroOrMoreSegments() {
        FieldPattern pattern = new FieldPattern("**.resources.replicas");

        assertThat(pattern.matches("/resources/replicas")).as("** over zero segments").isTrue();
        assertThat(pattern.matches("/spec/resources/replicas")).as("** over one segment").isTrue();
        assertThat(pattern.matches("/spec/stages/2/spec/resources/replicas")).as("** over four segments").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/spec/resources", "/spec/resources/replicas/max", "/spec/resources/replica",
            "/spec/replicas", ""})
    void doubleStarStillAnchorsTheRest(String pointer) {
        assertThat(new FieldPattern("**.resources.replicas").matches(pointer))
                .as("**.resources.replicas must not match %s", pointer).isFalse();
    }

    @Test
    void doubleStarInTheMiddleMatchesZeroSegments() {
        FieldPattern pattern = new FieldPattern("/spec/**/url");

        assertThat(pattern.matches("/spec/url")).as("zero segments between").isTrue();
        assertThat(pattern.matches("/spec/model/adapters/0/url")).as("four segments between").isTrue();
        assertThat(pattern.matches("/other/url")).as("the prefix still counts").isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "/spec/model/adapters/0/url, true",
        "/spec/stages/1/spec/model/adapters/12/url, true",
        "/model/adapters/0/url, true",
        "/spec/model/adapters/url, false",
        "/spec/model/adapters/0/1/url, false",
        "/spec/model/adapters/0/uri, false"
    })
    void dottedAndPointerFormsMeanTheSame(String pointer, boolean expected) {
        assertThat(new FieldPattern("**.model.adapters.*.url").matches(pointer))
                .as("dotted form on %s", pointer).isEqualTo(expected);
        assertThat(new FieldPattern("/**/model/adapters/*/url").matches(pointer))
                .as("pointer form on %s", pointer).isEqualTo(expected);
    }

    @Test
    void plainPatternsMatchOnlyTheWholePointer() {
        FieldPattern pattern = new FieldPattern("/metadata/owner");

        assertThat(pattern.matches("/metadata/owner")).isTrue();
        assertThat(pattern.matches("/metadata/owner/name")).as("a longer pointer").isFalse();
        assertThat(pattern.matches("/metadata")).as("a shorter pointer").isFalse();
        assertThat(pattern.matches("/spec/metadata/owner")).as("the same tail elsewhere").isFalse();
        assertThat(new FieldPattern("spec").matches("/spec")).as("a dotted one-segment pattern").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void refusesAnEmptyPattern(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> new FieldPattern(text));
    }
}
