package io.flowmesh.reference.execute;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flowmesh.reference.backend.hub.ResolvedModel;
import io.flowmesh.reference.parse.TemplateProblem;

/**
 * LoRA supervised fine-tuning: the trainer config as SFT, the {@code lora} section mapped to PEFT's
 * LoraConfig names ({@code alpha} -> {@code lora_alpha}, {@code dropout} -> {@code lora_dropout}),
 * and a real adapter artifact ({@code adapter_config.json}) written to the run's workspace, which a
 * later stage's {@code adapters[].task_id} resolves.
 */
final class LoraSftExecutor extends ModelExecutor {

    static final List<String> LORA = List.of("r", "alpha", "dropout", "bias", "target_modules", "task_type");

    private static final Map<String, String> PEFT_NAMES = Map.of("alpha", "lora_alpha", "dropout", "lora_dropout");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    LoraSftExecutor() {
        super("lora_sft", "trainer.model",
                ExecutorCatalog.sections("model.config", "trainer.model", "training", "trainer.config"),
                Map.of("model.config", ExecutorCatalog.MODEL_CONFIG, "training", ExecutorCatalog.SFT, "lora", LORA));
    }

    @Override
    void afterHandOver(TaskContext context, ResolvedModel model) throws TemplateProblem {
        Map<String, Object> adapterConfig = new LinkedHashMap<>();
        adapterConfig.put("peft_type", "LORA");
        adapterConfig.put("base_model_name_or_path", model.identifier());
        adapterConfig.put("revision", model.commit());
        for (Map.Entry<String, Object> entry : context.section("lora").entrySet()) {
            String name = PEFT_NAMES.getOrDefault(entry.getKey(), entry.getKey());
            context.effect("peft.config", name, entry.getValue());
            adapterConfig.put(name, entry.getValue());
        }
        Path dir = context.backends().workspace().artifactDir(context.task().stage(), "final_lora");
        try {
            Files.writeString(dir.resolve("adapter_config.json"), JSON.writeValueAsString(adapterConfig),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the adapter artifact in the run's workspace", e);
        }
        context.publish("final_lora", "artifact://" + context.task().stage() + "/final_lora");
        context.publish("result", Map.of("final_lora", "artifact://" + context.task().stage() + "/final_lora"));
    }
}
