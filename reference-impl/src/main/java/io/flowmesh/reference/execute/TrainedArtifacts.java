package io.flowmesh.reference.execute;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.flowmesh.reference.backend.hub.ResolvedModel;
import io.flowmesh.reference.backend.lora.UstarWriter;

/**
 * What a training task saves, where upstream saves it, as real files in the run's workspace: SFT's
 * {@code final_model/}, DPO's {@code checkpoints/final_model/}, LoRA SFT's {@code final_lora/} with
 * its {@code adapter_config.json}; a {@code .tar.gz} of the folder beside it where upstream archives
 * one (always for LoRA SFT, for an HTTP output destination otherwise). Each is published under
 * upstream's result field as an {@link ArtifactRef}, and the saved paths are recorded on
 * {@code trainer.save}.
 */
final class TrainedArtifacts {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private TrainedArtifacts() {
    }

    static void save(TaskContext context, TrainerRecipe recipe, ResolvedModel model, Map<String, Object> peft) {
        String stage = context.task().stage();
        boolean lora = recipe == TrainerRecipe.LORA_SFT;
        String field = lora ? "final_lora" : "final_model";
        String path = recipe == TrainerRecipe.DPO ? "checkpoints/final_model" : field;
        Map<String, Object> content = new LinkedHashMap<>();
        String file;
        if (lora) {
            content.put("peft_type", "LORA");
            content.put("base_model_name_or_path", model.identifier());
            content.put("revision", model.commit());
            content.putAll(peft);
            file = "adapter_config.json";
        } else {
            content.put("_name_or_path", model.identifier());
            content.put("base_commit", model.commit());
            content.put("trained_with", recipe.configClass());
            file = "config.json";
        }
        Path dir = context.backends().workspace().artifactDir(stage, path);
        byte[] bytes = json(content);
        List<Object> saved = new ArrayList<>(List.of(path));
        try {
            Files.write(dir.resolve(file), bytes);
            context.publish(field, new ArtifactRef(stage, path));
            boolean http = context.spec().output() != null && context.spec().output().destination() != null
                    && "http".equals(context.spec().output().destination().type());
            if (lora || http) {
                String archive = path + ".tar.gz";
                Path archivePath = dir.resolveSibling(dir.getFileName() + ".tar.gz");
                writeArchive(archivePath, dir.getFileName() + "/" + file, bytes);
                context.backends().workspace().archived(archivePath, dir);
                context.publish(field + "_archive", new ArtifactRef(stage, archive));
                saved.add(archive);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the trained artifact in the run's workspace", e);
        }
        context.effect("trainer.save", "saved", saved);
    }

    /** A gzipped tar holding the artifact folder, as upstream's {@code archive_model_dir} packs it. */
    private static void writeArchive(Path archive, String entry, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive));
                UstarWriter tar = new UstarWriter(out)) {
            tar.directory(entry.substring(0, entry.indexOf('/')));
            tar.file(entry, content);
        }
    }

    private static byte[] json(Map<String, Object> content) {
        try {
            return JSON.writeValueAsString(content).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON-like map always serialises", e);
        }
    }
}
