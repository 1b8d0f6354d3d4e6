package io.flowmesh.reference.backend.vllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LogitPenaltiesTest {

    // Tokens 10, 11, 12, 13 with logits 2, -1, 3, 1.5; 10 is in the prompt, 12 twice and 13 once in the output.
    private static final int[] TOKENS = {10, 11, 12, 13};

    private static double[] penalised(LogitPenalties penalties) {
        double[] logits = {2.0, -1.0, 3.0, 1.5};
        penalties.apply(TOKENS, logits, Set.of(10, 11), Map.of(12, 2, 13, 1));
        return logits;
    }

    @Test
    void neutralPenaltiesChangeNothing() {
        assertThat(penalised(new LogitPenalties(1.0, 0.0, 0.0))).containsExactly(2.0, -1.0, 3.0, 1.5);
    }

    @Test
    void repetitionDividesPositiveAndMultipliesNegativeLogitsOfTokensSeenInPromptOrOutput() {
        assertThat(penalised(new LogitPenalties(2.0, 0.0, 0.0))).containsExactly(1.0, -2.0, 1.5, 0.75);
    }

    @Test
    void frequencySubtractsPerOccurrenceInTheOutputAndPresenceOnce() {
        assertThat(penalised(new LogitPenalties(1.0, 0.5, 0.0))).containsExactly(2.0, -1.0, 2.0, 1.0);
        assertThat(penalised(new LogitPenalties(1.0, 0.0, 0.25))).containsExactly(2.0, -1.0, 2.75, 1.25);
    }

    @Test
    void repetitionComesBeforeFrequencyAndPresence() {
        // 12: 3 / 2 - 0.5 * 2 - 0.25 = 0.25; 13: 1.5 / 2 - 0.5 - 0.25 = 0.
        assertThat(penalised(new LogitPenalties(2.0, 0.5, 0.25))).containsExactly(1.0, -2.0, 0.25, 0.0);
    }
}
