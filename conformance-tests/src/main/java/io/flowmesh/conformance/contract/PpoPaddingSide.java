package io.flowmesh.conformance.contract;

import static io.flowmesh.conformance.contract.Scenarios.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code padding_side} is FlowMesh's tokenizer setting: it must reach the tokenizer and decide where
 * the padding of every row of the prompt batch sits.
 *
 * <p>The oracle needs no knowledge of the tokenizer: the kit's prompts differ in length by a dozen
 * words, so the shortest prompt's row must hold padding and the longest's none, and on the side
 * asked for every row's attention mask must be all padding (0) then all tokens (1) for {@code left},
 * the reverse for {@code right}.
 */
final class PpoPaddingSide extends Contract {

    PpoPaddingSide() {
        super("ppo-padding-side", List.of("ppo-padding-side"), "ppo");
    }

    @Override
    void check(Bench bench, CaseLog log) {
        for (String side : List.of("left", "right")) {
            Observed run = bench.run(Scenarios.ppo(map("padding_side", side)));
            log.expectValue("tokenizer-set-up-" + side, "padding_side: " + side + " reaches the tokenizer", run,
                    "tokenizer", "padding_side", side);
            String rule = "padding_side: " + side + " pads every row of the prompt batch on the " + side;
            Optional<String> missing = CaseLog.missing(run, "tokenizer", "attention_mask");
            String expected = "one attention-mask row per prompt, padding only on the " + side
                    + ", in the shortest prompt's row and not in the longest's";
            if (missing.isPresent()) {
                log.record("pads-on-the-" + side, rule, false, expected, missing.get());
                continue;
            }
            Object mask = run.value("tokenizer", "attention_mask").orElse(null);
            log.record("pads-on-the-" + side, rule, paddedOn(side, mask), expected,
                    "tokenizer/attention_mask = " + Observed.show(mask));
        }
    }

    /** Whether the mask has a row per prompt, each padded on that side only, the short prompt padded and the long one not. */
    static boolean paddedOn(String side, Object mask) {
        if (!(mask instanceof List<?> rows) || rows.size() != Scenarios.PROMPTS.size()) {
            return false;
        }
        List<List<Long>> bits = new ArrayList<>();
        for (Object row : rows) {
            if (!(row instanceof List<?> cells)) {
                return false;
            }
            List<Long> values = new ArrayList<>();
            for (Object cell : cells) {
                if (!(cell instanceof Number n) || (n.longValue() != 0 && n.longValue() != 1)) {
                    return false;
                }
                values.add(n.longValue());
            }
            if (!paddedOnlyOn(side, values)) {
                return false;
            }
            bits.add(values);
        }
        return bits.get(Scenarios.SHORTEST).contains(0L) && !bits.get(Scenarios.LONGEST).contains(0L);
    }

    private static boolean paddedOnlyOn(String side, List<Long> row) {
        List<Long> ordered = new ArrayList<>(row);
        ordered.sort(side.equals("left") ? null : java.util.Comparator.reverseOrder());
        return ordered.equals(row);
    }
}
