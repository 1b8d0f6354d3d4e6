package io.flowmesh.reference.backend.bridge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flowmesh.reference.backend.ppo.PpoBackendException;
import io.flowmesh.reference.backend.ppo.TokenizedPrompts;
import io.flowmesh.reference.backend.ppo.TrainerSetup;

/** Reads the typed parts of bridge replies, refusing a reply that lacks what the protocol promises. */
final class BridgeReplies {

    private BridgeReplies() {
    }

    /**
     * The trainer setup of a {@code ppo.open} reply: {@code ppo_config} (the kwargs as received),
     * {@code tokenizer} ({@code padding_side}, {@code input_ids}, {@code attention_mask}) and
     * {@code updates_planned}.
     */
    static TrainerSetup trainerSetup(Map<String, Object> opened) {
        if (!(opened.get("ppo_config") instanceof Map<?, ?> config)) {
            throw invalid("ppo_config", opened);
        }
        if (!(opened.get("tokenizer") instanceof Map<?, ?> tokenizer)
                || !(tokenizer.get("padding_side") instanceof String side)) {
            throw invalid("tokenizer.padding_side", opened);
        }
        if (!(opened.get("updates_planned") instanceof Number planned)) {
            throw invalid("updates_planned", opened);
        }
        Map<String, Object> received = new LinkedHashMap<>();
        config.forEach((key, value) -> received.put(String.valueOf(key), value));
        return new TrainerSetup(received, new TokenizedPrompts(side, rows(tokenizer.get("input_ids"), opened),
                rows(tokenizer.get("attention_mask"), opened)), planned.intValue());
    }

    private static List<List<Long>> rows(Object value, Map<String, Object> opened) {
        if (!(value instanceof List<?> list)) {
            throw invalid("tokenizer rows", opened);
        }
        List<List<Long>> rows = new ArrayList<>();
        for (Object row : list) {
            if (!(row instanceof List<?> ids) || !ids.stream().allMatch(Number.class::isInstance)) {
                throw invalid("tokenizer rows of numbers", opened);
            }
            rows.add(ids.stream().map(id -> ((Number) id).longValue()).toList());
        }
        return rows;
    }

    private static PpoBackendException invalid(String what, Map<String, Object> reply) {
        return new PpoBackendException("the Python PPO engine's ppo.open reply has no " + what + ": " + reply);
    }
}
