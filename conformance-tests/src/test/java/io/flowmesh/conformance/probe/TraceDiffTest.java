package io.flowmesh.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.EffectTrace;
import org.junit.jupiter.api.Test;

class TraceDiffTest {

    private static EffectTrace trace(Effect... effects) {
        return new EffectTrace(List.of(effects));
    }

    private static Effect effect(String key, Object value) {
        return new Effect("ppo.config", key, value);
    }

    private static List<Change> between(EffectTrace base, EffectTrace probe) {
        return TraceDiff.between(CanonicalTrace.of(base), CanonicalTrace.of(probe));
    }

    @Test
    void equalTracesHaveNoChanges() {
        EffectTrace base = trace(effect("learning_rate", 1.0e-5), effect("report_to", List.of("wandb")));

        assertThat(between(base, trace(effect("learning_rate", 1.0e-5), effect("report_to", List.of("wandb")))))
                .as("the same effects").isEmpty();
    }

    @Test
    void reorderingDifferentKeysIsNoChange() {
        EffectTrace base = trace(effect("a", 1), effect("b", 2));

        assertThat(between(base, trace(effect("b", 2), effect("a", 1)))).isEmpty();
    }

    @Test
    void numbersCompareByTheirJsonText() {
        assertThat(between(trace(effect("steps", 4)), trace(effect("steps", 4L))))
                .as("an Integer 4 and a Long 4 hand over the same value").isEmpty();
    }

    @Test
    void aChangedValueIsReportedWithBothSides() {
        List<Change> changes = between(trace(effect("report_to", List.of("wandb"))),
                trace(effect("report_to", List.of("tensorboard"))));

        assertThat(changes).containsExactly(new Change("ppo.config", "report_to", "[\"wandb\"]", "[\"tensorboard\"]"));
        assertThat(changes.get(0).describe()).isEqualTo("ppo.config/report_to: [\"wandb\"] -> [\"tensorboard\"]");
    }

    @Test
    void anAddedKeyHasNoBefore() {
        List<Change> changes = between(trace(effect("a", 1)), trace(effect("a", 1), effect("project", "p")));

        assertThat(changes).containsExactly(new Change("ppo.config", "project", null, "\"p\""));
        assertThat(changes.get(0).describe()).isEqualTo("ppo.config/project: (absent) -> \"p\"");
    }

    @Test
    void aRemovedKeyHasNoAfter() {
        List<Change> changes = between(trace(effect("a", 1), effect("project", "p")), trace(effect("a", 1)));

        assertThat(changes).containsExactly(new Change("ppo.config", "project", "\"p\"", null));
        assertThat(changes.get(0).describe()).endsWith("-> (absent)");
    }

    @Test
    void theSameKeyOnAnotherChannelIsAnotherEffect() {
        List<Change> changes = between(trace(new Effect("vllm.engine", "seed", 1)),
                trace(new Effect("vllm.sampling", "seed", 1)));

        assertThat(changes).extracting(Change::channel).containsExactly("vllm.engine", "vllm.sampling");
    }

    @Test
    void aKeyRecordedTwiceComparesAsAList() {
        EffectTrace base = trace(effect("kl", 0.1), effect("kl", 0.2));

        assertThat(between(base, trace(effect("kl", 0.1), effect("kl", 0.2))))
                .as("the same values in the same order").isEmpty();
        assertThat(between(base, trace(effect("kl", 0.1), effect("kl", 0.3))))
                .containsExactly(new Change("ppo.config", "kl", "[0.1,0.2]", "[0.1,0.3]"));
        assertThat(between(base, trace(effect("kl", 0.1))))
                .as("one recording fewer is a change").containsExactly(new Change("ppo.config", "kl", "[0.1,0.2]", "0.1"));
        assertThat(between(base, trace(effect("kl", 0.2), effect("kl", 0.1))))
                .as("the order of recordings of one key matters").hasSize(1);
    }

    @Test
    void changesComeInTheOrderTheirKeysFirstAppear() {
        EffectTrace base = trace(effect("b", 1), effect("a", 1), effect("same", 0));
        EffectTrace probe = trace(effect("z", 1), effect("same", 0), effect("a", 2), effect("b", 2), effect("y", 1));

        assertThat(between(base, probe)).extracting(Change::key)
                .as("base keys first, in base order, then new keys in probe order").containsExactly("b", "a", "z", "y");
    }
}
