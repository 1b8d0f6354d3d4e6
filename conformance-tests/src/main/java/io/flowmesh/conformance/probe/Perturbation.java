package io.flowmesh.conformance.probe;

import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import org.apiguardian.api.API;

/**
 * The default perturbation of a value, as the design states it: a number {@code x} becomes
 * {@code 2x+1}, a boolean flips, an enumerated string becomes the next member, any other string is
 * changed (its leading number, if any, is perturbed as a number, so that {@code "64Gi"} stays a
 * quantity; otherwise it gets a suffix), and a list of scalars has its first element perturbed.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Perturbation {

    static final String SUFFIX = "-probe";
    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+)(.*)$");

    private Perturbation() {
    }

    /**
     * The perturbed value.
     *
     * @param value the value in the template
     * @param enumMembers the members of the field's enumeration, or empty when it has none
     */
    public static JsonNode of(JsonNode value, List<String> enumMembers) {
        if (value.isBoolean()) {
            return BooleanNode.valueOf(!value.booleanValue());
        }
        if (value.isIntegralNumber()) {
            BigInteger x = value.bigIntegerValue();
            return JsonNodeFactory.instance.numberNode(x.shiftLeft(1).add(BigInteger.ONE));
        }
        if (value.isNumber()) {
            return DoubleNode.valueOf(value.doubleValue() * 2 + 1);
        }
        if (value.isTextual()) {
            return TextNode.valueOf(perturbText(value.textValue(), enumMembers));
        }
        if (value.isArray()) {
            ArrayNode copy = (ArrayNode) value.deepCopy();
            if (copy.isEmpty()) {
                copy.add(SUFFIX.substring(1));
            } else {
                copy.set(0, of(copy.get(0), enumMembers));
            }
            return copy;
        }
        if (value.isNull()) {
            return TextNode.valueOf(SUFFIX.substring(1));
        }
        return JsonNodeFactory.instance.objectNode().put(SUFFIX.substring(1), true);
    }

    private static String perturbText(String text, List<String> enumMembers) {
        int index = enumMembers.indexOf(text);
        if (index >= 0 && enumMembers.size() > 1) {
            return enumMembers.get((index + 1) % enumMembers.size());
        }
        Matcher number = LEADING_NUMBER.matcher(text);
        if (number.matches()) {
            return new BigInteger(number.group(1)).shiftLeft(1).add(BigInteger.ONE) + number.group(2);
        }
        return text + SUFFIX;
    }
}
