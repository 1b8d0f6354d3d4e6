package io.flowmesh.conformance.contract;

import static io.flowmesh.conformance.contract.Scenarios.map;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.flowmesh.conformance.probe.Values;
import io.flowmesh.conformance.store.Sha256;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A LoRA adapter is identified by what its source served, not by how the template names the source:
 * a {@code url} is downloaded and unpacked, a {@code path} directory is read in place, a {@code path}
 * tar archive is unpacked, and each resolves to the adapter whose {@code adapter_config.json} the kit
 * wrote there.
 *
 * <p>The oracle: the kit wrote every adapter, each with its own {@code adapter_config.json}, so it
 * knows the SHA-256 the resolved adapter must have. Two URLs serve different adapters, so an
 * implementation that derives an identity from the URL string cannot pass. For an implementation that
 * declares the kit's URL server, the server's witness must agree: it served each URL case's archive,
 * with the headers the entry names ({@link UrlEvidence}).
 */
final class AdapterSource extends Contract {

    private static final String HOST = "adapters.conformance.invalid";

    AdapterSource() {
        super("adapter-source", List.of("adapter-url"), "inference");
    }

    @Override
    void check(Bench bench, CaseLog log) {
        for (String name : List.of("first", "second")) {
            byte[] config = config(name + "-url-adapter");
            String url = "https://" + HOST + "/" + name + "/adapter.zip";
            byte[] archive = zip(config);
            bench.write("url-mirror/" + HOST + "/" + name + "/adapter.zip", archive);
            resolves(log, "url-" + name + "-serves-its-adapter", "a url adapter is downloaded and identified by what the"
                    + " URL served (" + name + " of two URLs serving different adapters)", bench,
                    map("type", "lora", "name", "kit-adapter", "url", url), config, new Fetch(url, archive, Map.of()));
        }
        byte[] headerConfig = config("header-url-adapter");
        String headerUrl = "https://" + HOST + "/with-headers/adapter.zip";
        byte[] headerArchive = zip(headerConfig);
        bench.write("url-mirror/" + HOST + "/with-headers/adapter.zip", headerArchive);
        Map<String, String> headers = new java.util.TreeMap<>(Map.of("Authorization", "Bearer kit-adapter-token",
                "X-Conformance-Probe", "adapter-headers"));
        resolves(log, "url-sends-its-headers", "a url adapter is downloaded with the headers its entry names", bench,
                map("type", "lora", "name", "kit-adapter", "url", headerUrl, "headers", new LinkedHashMap<>(headers)),
                headerConfig, new Fetch(headerUrl, headerArchive, headers));
        byte[] dirConfig = config("directory-adapter");
        Path dir = bench.write("adapters/directory/adapter_config.json", dirConfig).getParent();
        bench.write("adapters/directory/adapter_model.safetensors", weights("directory-adapter"));
        resolves(log, "path-directory", "a path to a directory is read in place", bench,
                map("type", "lora", "name", "kit-adapter", "path", dir.toString()), dirConfig, null);
        taskArtifact(log, bench);
        byte[] tarConfig = config("tar-adapter");
        Path tar = bench.write("adapters/adapter.tar", tar(tarConfig));
        resolves(log, "path-tar-archive", "a path to a tar archive is unpacked", bench,
                map("type", "lora", "name", "kit-adapter", "path", tar.toString()), tarConfig, null);
    }

    /**
     * A {@code task_id} adapter is the artifact an earlier stage trained: the kit cannot know its hash,
     * but it wrote the LoRA settings that stage trained with, and the resolved adapter's config must say
     * them ({@code alpha} under PEFT's name {@code lora_alpha}), on the model the stage trained.
     */
    private static void taskArtifact(CaseLog log, Bench bench) {
        Map<String, Map<String, Object>> stages = new LinkedHashMap<>();
        stages.put("train", Scenarios.loraSftSpec(map("r", 4L, "alpha", 8L, "target_modules", List.of("q_proj"))));
        stages.put("answer", Scenarios.spec(Scenarios.lora(map("type", "lora", "name", "trained", "task_id", "train"))));
        Observed run = bench.run(Scenarios.stages(stages));
        String rule = "a task_id adapter is the adapter the earlier stage trained";
        Map<String, Object> expected = map("r", 4L, "lora_alpha", 8L, "base_model_name_or_path", KitModels.LM);
        Object adapters = run.value("lora", "answer", "adapters").orElse(null);
        Object first = adapters instanceof List<?> list && !list.isEmpty() ? list.get(0) : null;
        Map<String, Object> seen = new LinkedHashMap<>();
        if (first instanceof Map<?, ?> facts) {
            expected.keySet().forEach(key -> seen.put(key, facts.get(key)));
        }
        log.record("task-id-resolves-the-trained-adapter", rule, Observed.same(expected, seen),
                "answer's lora/adapters[0] with " + Observed.show(expected), run.completed()
                        ? "answer's lora/adapters[0] with " + Observed.show(seen) : run.describe());
    }

    /**
     * What a URL case fetches: the URL, the bytes the kit wrote there, the headers the entry names.
     *
     * @param url the URL as the template writes it
     * @param archive the bytes the URL server holds for it
     * @param headers the entry's headers
     */
    private record Fetch(String url, byte[] archive, Map<String, String> headers) {
    }

    /**
     * The adapter resolved to the config the kit wrote; for a URL, when witnessed, the URL server also
     * served it, with the entry's headers.
     */
    private static void resolves(CaseLog log, String caseName, String rule, Bench bench, Map<String, Object> adapter,
            byte[] config, Fetch fetch) {
        Observed run = bench.run(Scenarios.lora(adapter));
        String expected = "lora/adapters[0].config_sha256 = " + Sha256.hex(config)
                + (fetch == null ? "" : UrlEvidence.expectation(run, fetch.url(), fetch.headers()));
        String witness = fetch == null ? "" : UrlEvidence.observation(run, fetch.url());
        Optional<String> missing = CaseLog.missing(run, "lora", "adapters");
        if (missing.isPresent()) {
            log.record(caseName, rule, false, expected, missing.get() + witness);
            return;
        }
        Object adapters = run.value("lora", "adapters").orElse(null);
        Object hash = adapters instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first
                ? first.get("config_sha256") : null;
        boolean served = fetch == null || UrlEvidence.agrees(run, fetch.url(), Sha256.hex(fetch.archive()), fetch.headers());
        log.record(caseName, rule, Sha256.hex(config).equals(hash) && served, expected,
                "lora/adapters[0].config_sha256 = " + Observed.show(hash) + witness);
    }

    private static byte[] config(String marker) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("peft_type", "LORA");
        config.put("base_model_name_or_path", KitModels.LM);
        config.put("r", 8L);
        config.put("lora_alpha", 16L);
        config.put("target_modules", List.of("q_proj", "v_proj"));
        config.put("task_type", "CAUSAL_LM");
        config.put("conformance_marker", marker);
        return (Values.canonical(config) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] weights(String marker) {
        return ("weights of " + marker).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] zip(byte[] config) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files(config).entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setTime(0);
                zip.putNextEntry(entry);
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an adapter zip in memory", e);
        }
        return bytes.toByteArray();
    }

    private static byte[] tar(byte[] config) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files(config).entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                entry.setModTime(0);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an adapter tar in memory", e);
        }
        return bytes.toByteArray();
    }

    private static Map<String, byte[]> files(byte[] config) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("adapter/adapter_config.json", config);
        files.put("adapter/adapter_model.safetensors", weights(new String(config, StandardCharsets.UTF_8)));
        return files;
    }

}
