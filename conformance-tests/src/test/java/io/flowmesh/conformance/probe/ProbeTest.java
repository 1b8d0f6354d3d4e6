package io.flowmesh.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class ProbeTest {

    private static final String TEMPLATE = String.join("\n",
            "kind: PPOTask",
            "spec:",
            "  stop: [\"a\", \"b\", \"c\"]",
            "  stages:",
            "    - name: first",
            "      replicas: 3",
            "    - name: second",
            "");

    private final JsonNode template = TemplateTree.read(TEMPLATE);
    private final String original = template.toString();

    @Test
    void removeDeletesTheFieldFromACopy() {
        JsonNode probed = new Probe.Remove("/spec/stages/0/replicas").applyTo(template);

        assertThat(probed.at("/spec/stages/0/replicas").isMissingNode()).as("the field is gone in the probe tree").isTrue();
        assertThat(probed.at("/spec/stages/0/name").textValue()).as("its siblings stay").isEqualTo("first");
        assertThat(template.toString()).as("the template tree is untouched").isEqualTo(original);
    }

    @Test
    void removeDeletesAnArrayElementByIndex() {
        JsonNode probed = new Probe.Remove("/spec/stop/1").applyTo(template);

        assertThat(probed.at("/spec/stop").toString()).isEqualTo("[\"a\",\"c\"]");
        assertThat(template.toString()).as("the template tree is untouched").isEqualTo(original);
    }

    @Test
    void perturbSetsTheNewValueOnACopy() {
        Probe.Perturb probe = new Probe.Perturb("/spec/stages/0/replicas", IntNode.valueOf(3), IntNode.valueOf(7));

        JsonNode probed = probe.applyTo(template);

        assertThat(probed.at("/spec/stages/0/replicas").intValue()).isEqualTo(7);
        assertThat(template.at("/spec/stages/0/replicas").intValue()).as("the template keeps its value").isEqualTo(3);
        assertThat(probe.describe()).isEqualTo("perturb: 3 -> 7");
        assertThat(probe.kind()).isEqualTo(Probe.Kind.PERTURB);
    }

    @Test
    void perturbCanReplaceAnArrayElement() {
        JsonNode probed = new Probe.Perturb("/spec/stop/0", TextNode.valueOf("a"), TextNode.valueOf("z")).applyTo(template);

        assertThat(probed.at("/spec/stop").toString()).isEqualTo("[\"z\",\"b\",\"c\"]");
    }

    @Test
    void injectCreatesMissingParentMappings() {
        Probe.Inject probe = new Probe.Inject("/spec/training/ppo/optimize_cuda_cache", TemplateTree.read("v: true").get("v"));

        JsonNode probed = probe.applyTo(template);

        assertThat(probed.at("/spec/training/ppo/optimize_cuda_cache").booleanValue()).isTrue();
        assertThat(template.at("/spec/training").isMissingNode()).as("the template gains no parents").isTrue();
        assertThat(probe.describe()).isEqualTo("inject: true");
    }

    @Test
    void injectedValueIsNotSharedWithTheProbe() {
        Probe.Inject probe = new Probe.Inject("/spec/parallel", TemplateTree.read("v: {max_shards: 4}").get("v"));

        JsonNode first = probe.applyTo(template);
        ((ObjectNode) first.at("/spec/parallel")).put("max_shards", 99);

        assertThat(probe.applyTo(template).at("/spec/parallel/max_shards").intValue())
                .as("changing one probe tree must not change the probe's value").isEqualTo(4);
    }

    @Test
    void removeDescribesItself() {
        Probe probe = new Probe.Remove("/kind");

        assertThat(probe.kind()).isEqualTo(Probe.Kind.REMOVE);
        assertThat(probe.describe()).isEqualTo("remove");
        assertThat(probe.applyTo(template).has("kind")).isFalse();
    }
}
