package io.flowmesh.conformance.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ClassificationTest {

    private static ClassificationRow keepRow(String id, String... patterns) {
        return new ClassificationRow(id, "metadata only", id, List.of(patterns).stream().map(FieldPattern::new).toList(),
                Treatment.KEEP, "for humans", 0, List.of(), Optional.empty(), List.of(), Optional.empty(),
                ValueRules.none(), Optional.empty(), false);
    }

    private static final ClassificationRow DESCRIPTION = keepRow("description", "/metadata/annotations/description");
    private static final ClassificationRow ANNOTATIONS = keepRow("annotations", "/metadata/annotations/*");
    private static final ClassificationRow REPLICAS = keepRow("replicas", "/replicas", "**.resources.replicas");

    @Test
    void theFirstRowInFileOrderWins() {
        Classification specificFirst = new Classification("c.yaml", List.of(DESCRIPTION, ANNOTATIONS), List.of());
        Classification generalFirst = new Classification("c.yaml", List.of(ANNOTATIONS, DESCRIPTION), List.of());

        assertThat(specificFirst.rowFor("/metadata/annotations/description")).contains(DESCRIPTION);
        assertThat(specificFirst.rowFor("/metadata/annotations/team")).as("only the general row covers it")
                .contains(ANNOTATIONS);
        assertThat(generalFirst.rowFor("/metadata/annotations/description"))
                .as("an earlier general row shadows a later specific one").contains(ANNOTATIONS);
    }

    @Test
    void anyPatternOfARowCovers() {
        Classification classification = new Classification("c.yaml", List.of(REPLICAS), List.of());

        assertThat(classification.rowFor("/replicas")).contains(REPLICAS);
        assertThat(classification.rowFor("/spec/stages/0/spec/resources/replicas")).contains(REPLICAS);
    }

    @Test
    void anUncoveredFieldHasNoRow() {
        Classification classification = new Classification("c.yaml", List.of(DESCRIPTION, ANNOTATIONS), List.of());

        assertThat(classification.rowFor("/metadata/name")).isEmpty();
        assertThat(classification.rowFor("/metadata/annotations")).as("the mapping itself is not covered by /*").isEmpty();
    }

    @Test
    void enumMembersComeFromTheFirstMatchingEnumeration() {
        Classification classification = new Classification("c.yaml", List.of(DESCRIPTION), List.of(
                new EnumeratedField(new FieldPattern("**.training.padding_side"), List.of("left", "right")),
                new EnumeratedField(new FieldPattern("**.padding_side"), List.of("other", "members"))));

        assertThat(classification.enumMembers("/spec/stages/1/spec/training/padding_side"))
                .containsExactly("left", "right");
        assertThat(classification.enumMembers("/spec/tokenizer/padding_side")).containsExactly("other", "members");
        assertThat(classification.enumMembers("/spec/training/log_with")).as("no enumeration").isEmpty();
    }
}
