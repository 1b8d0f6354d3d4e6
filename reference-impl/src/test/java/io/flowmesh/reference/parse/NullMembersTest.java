package io.flowmesh.reference.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class NullMembersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void nullMembersAreDroppedAtEveryDepthFromACopyAndNullItemsStay() throws Exception {
        JsonNode tree = JSON.readTree("{\"a\":null,\"b\":{\"c\":null,\"d\":[null,{\"e\":null,\"f\":1}]},\"g\":2}");
        String before = tree.toString();

        JsonNode dropped = NullMembers.dropped(tree);

        assertThat(dropped.toString()).as("without null members").isEqualTo("{\"b\":{\"d\":[null,{\"f\":1}]},\"g\":2}");
        assertThat(tree.toString()).as("the tree handed in").isEqualTo(before);
    }

    @Test
    void aTreeWithoutNullMembersIsItself() throws Exception {
        JsonNode tree = JSON.readTree("{\"b\":{\"d\":[null,{\"f\":1}]},\"g\":2}");

        assertThat(NullMembers.dropped(tree)).as("a tree whose only null is a sequence item").isSameAs(tree);
    }
}
