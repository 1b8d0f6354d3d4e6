package io.flowmesh.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class PerturbationTest {

    private static final List<String> NO_ENUM = List.of();

    @Test
    void anIntegerBecomesTwiceItPlusOneAndStaysIntegral() {
        JsonNode perturbed = Perturbation.of(IntNode.valueOf(3), NO_ENUM);

        assertThat(perturbed.isIntegralNumber()).as("3 must stay an integer, not become 7.0").isTrue();
        assertThat(perturbed.intValue()).isEqualTo(7);
    }

    @Test
    void aLargeIntegerDoesNotOverflow() {
        JsonNode perturbed = Perturbation.of(LongNode.valueOf(Long.MAX_VALUE), NO_ENUM);

        assertThat(perturbed.isIntegralNumber()).isTrue();
        assertThat(perturbed.bigIntegerValue()).as("2 * Long.MAX_VALUE + 1")
                .isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(1).add(BigInteger.ONE));
    }

    @Test
    void aFloatBecomesTwiceItPlusOne() {
        JsonNode perturbed = Perturbation.of(DoubleNode.valueOf(1.25), NO_ENUM);

        assertThat(perturbed.isFloatingPointNumber()).isTrue();
        assertThat(perturbed.doubleValue()).isEqualTo(3.5);
    }

    @Test
    void aBooleanFlips() {
        assertThat(Perturbation.of(BooleanNode.TRUE, NO_ENUM)).isEqualTo(BooleanNode.FALSE);
        assertThat(Perturbation.of(BooleanNode.FALSE, NO_ENUM)).isEqualTo(BooleanNode.TRUE);
    }

    @Test
    void anEnumMemberBecomesTheNextMemberCyclically() {
        List<String> members = List.of("contiguous", "round_robin", "hashed");

        assertThat(Perturbation.of(TextNode.valueOf("contiguous"), members).textValue()).isEqualTo("round_robin");
        assertThat(Perturbation.of(TextNode.valueOf("hashed"), members).textValue())
                .as("the last member wraps to the first").isEqualTo("contiguous");
    }

    @Test
    void aStringOutsideTheEnumIsChangedLikeAnyString() {
        assertThat(Perturbation.of(TextNode.valueOf("custom"), List.of("left", "right")).textValue())
                .isEqualTo("custom-probe");
    }

    @Test
    void aQuantityKeepsItsUnit() {
        assertThat(Perturbation.of(TextNode.valueOf("64Gi"), NO_ENUM).textValue())
                .as("the leading number is perturbed so the value stays a quantity").isEqualTo("129Gi");
    }

    @Test
    void aPlainStringGetsASuffix() {
        assertThat(Perturbation.of(TextNode.valueOf("wandb"), NO_ENUM).textValue()).isEqualTo("wandb-probe");
    }

    @Test
    void aListHasItsFirstElementPerturbedAndTheOriginalIsUntouched() {
        ArrayNode list = JsonNodeFactory.instance.arrayNode().add("</s>").add(4);

        JsonNode perturbed = Perturbation.of(list, NO_ENUM);

        assertThat(perturbed.toString()).isEqualTo("[\"</s>-probe\",4]");
        assertThat(list.toString()).as("the template's own list is not changed").isEqualTo("[\"</s>\",4]");
    }

    @Test
    void aListOfEnumMembersMovesItsFirstMember() {
        ArrayNode list = JsonNodeFactory.instance.arrayNode().add("left");

        assertThat(Perturbation.of(list, List.of("left", "right")).toString()).isEqualTo("[\"right\"]");
    }

    @Test
    void anEmptyListGainsAnElement() {
        JsonNode perturbed = Perturbation.of(JsonNodeFactory.instance.arrayNode(), NO_ENUM);

        assertThat(perturbed.isArray()).isTrue();
        assertThat(perturbed.size()).as("an empty list must change, so it gains one element").isEqualTo(1);
    }

    @Test
    void nullAndEmptyMappingsChange() {
        assertThat(Perturbation.of(NullNode.getInstance(), NO_ENUM).isNull()).as("null is perturbed to a value").isFalse();
        JsonNode mapping = Perturbation.of(JsonNodeFactory.instance.objectNode(), NO_ENUM);
        assertThat(mapping.isObject()).isTrue();
        assertThat(mapping.size()).as("an empty mapping gains a key").isEqualTo(1);
    }
}
