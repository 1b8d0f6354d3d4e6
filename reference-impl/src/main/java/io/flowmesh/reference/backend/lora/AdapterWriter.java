package io.flowmesh.reference.backend.lora;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * Writes tiny, well-formed PEFT LoRA adapters ({@code adapter_config.json} and a real safetensors file
 * with one A/B pair) as a directory, a tar, a tar.gz or a zip. For tests and fixtures; the same
 * adapter always gives the same bytes.
 */
public final class AdapterWriter {

    /** The weights file PEFT writes. */
    public static final String WEIGHTS = "adapter_model.safetensors";

    private static final ObjectWriter PRETTY_JSON = new ObjectMapper().writer(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
    private static final int HIDDEN = 8;

    private final Map<String, Object> adapterConfig;
    private final String folder;

    private AdapterWriter(Map<String, Object> adapterConfig, String folder) {
        this.adapterConfig = Collections.unmodifiableMap(new LinkedHashMap<>(adapterConfig));
        this.folder = folder;
    }

    /** An adapter with exactly this {@code adapter_config.json} content. */
    public static AdapterWriter withConfig(Map<String, Object> adapterConfig) {
        return new AdapterWriter(adapterConfig, "");
    }

    /** A PEFT-shaped LoRA adapter for a base model, of rank {@code r}, alpha {@code 2r}, on q and v. */
    public static AdapterWriter tiny(String baseModel, int r) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("peft_type", "LORA");
        config.put("task_type", "CAUSAL_LM");
        config.put("base_model_name_or_path", baseModel);
        config.put("r", r);
        config.put("lora_alpha", 2 * r);
        config.put("lora_dropout", 0.05);
        config.put("bias", "none");
        config.put("target_modules", List.of("q_proj", "v_proj"));
        return withConfig(config);
    }

    /** The same adapter, placed under one top-level folder inside archives. */
    public AdapterWriter inFolder(String folderName) {
        return new AdapterWriter(adapterConfig, folderName.endsWith("/") ? folderName : folderName + "/");
    }

    /** The adapter's config. */
    public Map<String, Object> adapterConfig() {
        return adapterConfig;
    }

    /** The exact bytes written as {@code adapter_config.json}. */
    public byte[] configBytes() {
        try {
            return (PRETTY_JSON.writeValueAsString(adapterConfig) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("adapter config is not JSON-serialisable", e);
        }
    }

    /** Writes the adapter's files into {@code dir} (created when missing) and returns it. */
    public Path writeDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("adapter_config.json"), configBytes());
        Files.write(dir.resolve(WEIGHTS), weights());
        return dir;
    }

    /** Writes the adapter as an uncompressed tar and returns the file. */
    public Path writeTar(Path file) throws IOException {
        try (UstarWriter tar = new UstarWriter(Files.newOutputStream(file))) {
            fillTar(tar);
        }
        return file;
    }

    /** Writes the adapter as a gzip-compressed tar and returns the file. */
    public Path writeTarGz(Path file) throws IOException {
        try (UstarWriter tar = new UstarWriter(new GZIPOutputStream(Files.newOutputStream(file)))) {
            fillTar(tar);
        }
        return file;
    }

    /** Writes the adapter as a zip and returns the file. */
    public Path writeZip(Path file) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            if (!folder.isEmpty()) {
                zip.putNextEntry(entry(folder));
                zip.closeEntry();
            }
            zipFile(zip, folder + "adapter_config.json", configBytes());
            zipFile(zip, folder + WEIGHTS, weights());
        }
        return file;
    }

    /** The adapter packed as tar.gz, in memory, e.g. to serve over HTTP in a test. */
    public byte[] tarGzBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (UstarWriter tar = new UstarWriter(new GZIPOutputStream(bytes))) {
            fillTar(tar);
        }
        return bytes.toByteArray();
    }

    private void fillTar(UstarWriter tar) throws IOException {
        if (!folder.isEmpty()) {
            tar.directory(folder);
        }
        tar.file(folder + "adapter_config.json", configBytes());
        tar.file(folder + WEIGHTS, weights());
    }

    private static void zipFile(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(entry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static ZipEntry entry(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0);
        return entry;
    }

    /**
     * A safetensors file with {@code lora_A} ({@code r x 8}, small deterministic values) and
     * {@code lora_B} ({@code 8 x r}, zeros, as PEFT initialises it).
     */
    private byte[] weights() {
        int r = adapterConfig.get("r") instanceof Integer rank && rank > 0 ? rank : 1;
        int tensorBytes = r * HIDDEN * Float.BYTES;
        String prefix = "base_model.model.model.layers.0.self_attn.q_proj.";
        String header = "{\"" + prefix + "lora_A.weight\":{\"dtype\":\"F32\",\"shape\":[" + r + "," + HIDDEN
                + "],\"data_offsets\":[0," + tensorBytes + "]},\"" + prefix + "lora_B.weight\":{\"dtype\":\"F32\","
                + "\"shape\":[" + HIDDEN + "," + r + "],\"data_offsets\":[" + tensorBytes + "," + 2 * tensorBytes + "]}}";
        byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
        int padded = (headerBytes.length + 7) / 8 * 8;
        ByteBuffer buffer = ByteBuffer.allocate(8 + padded + 2 * tensorBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(padded).put(headerBytes);
        for (int i = headerBytes.length; i < padded; i++) {
            buffer.put((byte) ' ');
        }
        for (int i = 0; i < r * HIDDEN; i++) {
            buffer.putFloat((i % 7 - 3) * 0.01f);
        }
        return buffer.array();
    }
}
