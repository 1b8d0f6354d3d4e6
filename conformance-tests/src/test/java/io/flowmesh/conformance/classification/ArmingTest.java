package io.flowmesh.conformance.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArmingTest {

    private static final Arming EARLY_STOPPING = new Arming("early_stopping");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode template(String yaml) throws Exception {
        return YAML.readTree(yaml);
    }

    @Test
    void aFieldIsArmedByItsSiblingSwitch() throws Exception {
        JsonNode task = template("spec: {training: {target_kl: 0.1, early_stopping: true}}");

        assertThat(EARLY_STOPPING.disarmed(task, "/spec/training/target_kl")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "0", "'false'", "'No'", "'off'", "'0'", "''", "null"})
    void offIsFalseZeroTheFalseWordsAndNull(String value) throws Exception {
        JsonNode task = template("spec: {training: {target_kl: 0.1, early_stopping: " + value + "}}");

        assertThat(EARLY_STOPPING.disarmed(task, "/spec/training/target_kl"))
                .hasValueSatisfying(why -> assertThat(why).startsWith("/spec/training/early_stopping is "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "1", "'yes'", "'on'", "'True'"})
    void onIsTrueANonZeroNumberAndAnyOtherWord(String value) throws Exception {
        JsonNode task = template("spec: {training: {target_kl: 0.1, early_stopping: " + value + "}}");

        assertThat(EARLY_STOPPING.disarmed(task, "/spec/training/target_kl")).isEmpty();
    }

    @Test
    void anAbsentSwitchIsOffAndSaidSo() throws Exception {
        JsonNode task = template("spec: {training: {target_kl: 0.1}}");

        assertThat(EARLY_STOPPING.disarmed(task, "/spec/training/target_kl"))
                .contains("/spec/training/early_stopping is absent");
    }

    @Test
    void aStageInheritsTheSharedSpecsSwitchUnlessItSetsItsOwn() throws Exception {
        JsonNode workflow = template("""
                spec:
                  training: {early_stopping: true}
                  stages:
                    - {name: a, spec: {training: {target_kl: 0.1}}}
                    - {name: b, spec: {training: {target_kl: 0.1, early_stopping: false}}}
                """);

        assertThat(EARLY_STOPPING.disarmed(workflow, "/spec/stages/0/spec/training/target_kl")).isEmpty();
        assertThat(EARLY_STOPPING.disarmed(workflow, "/spec/stages/1/spec/training/target_kl"))
                .contains("/spec/stages/1/spec/training/early_stopping is false");
    }

    @Test
    void aSharedFieldIsArmedWhenAnyTaskInheritingItHasTheSwitchOn() throws Exception {
        JsonNode workflow = template("""
                spec:
                  training: {target_kl: 0.1}
                  stages:
                    - {name: a, spec: {training: {early_stopping: false}}}
                    - {name: b, spec: {training: {early_stopping: true}}}
                    - {name: c, spec: {training: {target_kl: 0.2, early_stopping: false}}}
                """);
        JsonNode noneOn = template("""
                spec:
                  training: {target_kl: 0.1}
                  graph:
                    nodes:
                      - {id: a, spec: {training: {early_stopping: false}}}
                      - {id: b, spec: {training: {target_kl: 0.2, early_stopping: true}}}
                """);

        assertThat(EARLY_STOPPING.disarmed(workflow, "/spec/training/target_kl")).isEmpty();
        assertThat(EARLY_STOPPING.disarmed(noneOn, "/spec/training/target_kl"))
                .as("node b sets its own target_kl, so only node a inherits the shared one")
                .contains("/spec/graph/nodes/0/spec/training/early_stopping is false");
    }

    @Test
    void theSwitchIsOneKey() {
        assertThatThrownBy(() -> new Arming("training/early_stopping")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one key of the field's mapping");
    }
}
