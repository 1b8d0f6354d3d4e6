package io.flowmesh.reference.execute;

import static io.flowmesh.reference.execute.TemplateRuns.completed;
import static io.flowmesh.reference.execute.TemplateRuns.fixtureStore;
import static io.flowmesh.reference.execute.TemplateRuns.onlyViolation;
import static io.flowmesh.reference.execute.TemplateRuns.rejected;
import static io.flowmesh.reference.execute.TemplateRuns.repositoryRoot;
import static io.flowmesh.reference.execute.TemplateRuns.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.reference.backend.lora.AdapterWriter;

/**
 * LoRA adapters are resolved for real and recorded by identity: an earlier stage's trained adapter
 * through {@code task_id}, a URL through the offline mirror, or, without a mirror, through an actual
 * download with the entry's headers.
 */
class LoraAdapterBehaviourTest {

    private static final String LLAMA = "meta-llama/Llama-3.2-1B-Instruct";
    private static final String MIRRORED = "https://huggingface.co/flowmesh/sentiment-lora/resolve/main/adapter.tar.gz";
    private static final String MIRRORED_ALT =
            "https://huggingface.co/flowmesh/sentiment-lora-alt/resolve/main/adapter.tar.gz";

    /** Train an adapter of rank {@code %d}, then answer with it through {@code task_id}. */
    private static final String TRAIN_THEN_ANSWER = """
            apiVersion: flowmesh/v1
            kind: Workflow
            metadata: {name: lora-check}
            spec:
              stages:
                - name: lora-train
                  spec:
                    taskType: lora_sft
                    model:
                      source: {type: huggingface, identifier: Qwen/Qwen2.5-0.5B-Instruct, revision: main}
                    resources:
                      hardware: {cpu: "16", memory: 64Gi, gpu: {type: any, count: 1, memory: 40Gi}}
                    lora: {r: %d, alpha: 32, dropout: 0.05, target_modules: [q_proj, v_proj], task_type: CAUSAL_LM}
                    training: {learning_rate: 0.0002, num_train_epochs: 1, seed: 17}
                    data: {type: dataset, dataset_name: flowmesh/support-replies, split: train}
                - name: answer
                  dependsOn: [lora-train]
                  spec:
                    taskType: inference
                    model:
                      source: {type: huggingface, identifier: Qwen/Qwen2.5-0.5B-Instruct, revision: main}
                      vllm: {max_model_len: 1024, max_lora_rank: 16}
                      adapters:
                        - {type: lora, name: support-style, task_id: lora-train, apply: runtime}
                    resources:
                      hardware: {cpu: "8", memory: 32Gi, gpu: {type: any, count: 1}}
                    inference: {temperature: 0.0, max_tokens: 8}
                    data: {type: list, items: ["My order arrived damaged."]}
            """;

    /** Inference with one adapter at URL {@code %s}, fetched with header {@code %s}. */
    private static final String URL_ADAPTER = """
            apiVersion: flowmesh/v1
            kind: Workflow
            metadata: {name: lora-url-check}
            spec:
              stages:
                - name: classify
                  spec:
                    taskType: inference
                    model:
                      source: {type: huggingface, identifier: meta-llama/Llama-3.2-1B-Instruct, revision: main}
                      vllm: {max_model_len: 1024, max_lora_rank: 16, max_loras: 1}
                      adapters:
                        - type: lora
                          name: sentiment
                          url: %s
                          archive_format: tar.gz
                          headers:
                            Authorization: %s
                          apply: runtime
                    resources:
                      hardware: {cpu: "8", memory: 32Gi, gpu: {type: any, count: 1}}
                    inference: {temperature: 0.0, max_tokens: 8}
                    data: {type: list, items: ["Review: best purchase this year. Sentiment:"]}
            """;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyAdapter(RunResult.Completed run, String stage) {
        List<Map<String, Object>> adapters = (List<Map<String, Object>>) value(run, "lora", stage + "/adapters");
        assertThat(adapters).as("adapters of %s", stage).hasSize(1);
        return adapters.get(0);
    }

    private static String urlAdapter(String url, String authorization) {
        return URL_ADAPTER.formatted(url, authorization);
    }

    @Test
    void aTrainedAdapterIsResolvedByTaskIdAndItsIdentityFollowsTheRank() {
        Map<String, Object> rank16 = onlyAdapter(completed(TRAIN_THEN_ANSWER.formatted(16)), "answer");
        Map<String, Object> rank8 = onlyAdapter(completed(TRAIN_THEN_ANSWER.formatted(8)), "answer");

        assertThat(rank16).as("adapter from task_id").containsEntry("source_kind", "task_id")
                .containsEntry("r", 16).doesNotContainKey("source");
        assertThat(rank8).as("adapter trained with r: 8").containsEntry("r", 8);
        assertThat(rank8.get("config_sha256")).as("config_sha256 with r 8 vs r 16")
                .isNotNull().isNotEqualTo(rank16.get("config_sha256"));
    }

    @Test
    void aMirroredUrlIsIdentifiedByTheHashOfTheConfigItServesNotByTheUrl() throws IOException {
        Map<String, Object> first = onlyAdapter(completed(urlAdapter(MIRRORED, "Bearer ${HF_TOKEN}")), "classify");
        Map<String, Object> alt = onlyAdapter(completed(urlAdapter(MIRRORED_ALT, "Bearer ${HF_TOKEN}")), "classify");

        assertThat(first).as("mirrored adapter").containsEntry("source_kind", "url")
                .containsEntry("config_sha256", sha256(configInMirror(MIRRORED)))
                .containsEntry("headers", Map.of("Authorization", "Bearer ${HF_TOKEN}"))
                .doesNotContainKey("source");
        assertThat(alt).as("alternative mirrored adapter")
                .containsEntry("config_sha256", sha256(configInMirror(MIRRORED_ALT)));
        assertThat(sha256(configInMirror(MIRRORED_ALT))).as("the two mirrored archives differ")
                .isNotEqualTo(sha256(configInMirror(MIRRORED)));
    }

    @Test
    void aPathDirectoryAndAPathTarAreIdentifiedByTheHashOfTheirConfig(@TempDir Path dir) throws IOException {
        AdapterWriter rank4 = AdapterWriter.tiny(LLAMA, 4);
        AdapterWriter rank12 = AdapterWriter.tiny(LLAMA, 12);
        Path folder = rank4.writeDirectory(dir.resolve("rank4"));
        Path tar = rank12.writeTar(dir.resolve("rank12.tar"));

        Map<String, Object> fromFolder = onlyAdapter(completed(pathAdapter(folder)), "classify");
        Map<String, Object> fromTar = onlyAdapter(completed(pathAdapter(tar)), "classify");

        assertThat(fromFolder).as("adapter from a path directory").containsEntry("source_kind", "path")
                .containsEntry("config_sha256", sha256(rank4.configBytes())).doesNotContainKey("source");
        assertThat(fromTar).as("adapter from a path tar archive").containsEntry("source_kind", "path")
                .containsEntry("config_sha256", sha256(rank12.configBytes())).doesNotContainKey("source");
    }

    @Test
    void runsShareOneUnpackingOfAnArchiveAndAnArchiveRewrittenIsUnpackedAnew(@TempDir Path dir) throws IOException {
        Path tar = AdapterWriter.tiny(LLAMA, 4).writeTar(dir.resolve("adapter.tar"));
        Map<String, Object> first = onlyAdapter(completed(pathAdapter(tar)), "classify");
        Path unpacked = Workspace.archiveCache().resolve("path-tar-" + sha256(Files.readAllBytes(tar)).substring(0, 16));
        assertThat(unpacked).as("the archive unpacked under its content's hash").isDirectory();
        Path marker = Files.writeString(unpacked.resolve("marker"), "left by this test");

        Map<String, Object> second = onlyAdapter(completed(pathAdapter(tar)), "classify");

        assertThat(second).as("the second run's adapter").isEqualTo(first);
        assertThat(marker).as("a file in the unpacked folder, which a second unpacking would not hold").exists();

        AdapterWriter rank12 = AdapterWriter.tiny(LLAMA, 12);
        rank12.writeTar(tar);
        Map<String, Object> rewritten = onlyAdapter(completed(pathAdapter(tar)), "classify");

        assertThat(rewritten).as("the adapter of the archive rewritten in place")
                .containsEntry("config_sha256", sha256(rank12.configBytes()));
        assertThat(Workspace.archiveCache().resolve("path-tar-" + sha256(Files.readAllBytes(tar)).substring(0, 16)))
                .as("the rewritten archive's own folder").isDirectory().isNotEqualTo(unpacked);
    }

    private static String pathAdapter(Path path) {
        return URL_ADAPTER.formatted(MIRRORED, "x").replace("url: " + MIRRORED, "path: " + path)
                .replace("archive_format: tar.gz", "archive_format: tar");
    }

    /** The bytes of {@code adapter_config.json} in a mirrored tar.gz, read with a plain ustar walk. */
    private static byte[] configInMirror(String url) throws IOException {
        Path archive = repositoryRoot().resolve("fixtures/url-mirror").resolve(url.substring("https://".length()));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            byte[] tar = in.readAllBytes();
            for (int at = 0; at + 512 <= tar.length && tar[at] != 0; ) {
                String name = new String(tar, at, 100, StandardCharsets.US_ASCII).replace("\0", "");
                long size = Long.parseLong(new String(tar, at + 124, 12, StandardCharsets.US_ASCII)
                        .replace("\0", "").trim(), 8);
                if (name.equals("adapter_config.json") || name.endsWith("/adapter_config.json")) {
                    return Arrays.copyOfRange(tar, at + 512, at + 512 + (int) size);
                }
                at += 512 + (int) ((size + 511) / 512 * 512);
            }
        }
        throw new AssertionError("no adapter_config.json in " + archive);
    }

    @Test
    void aUrlTheMirrorLacksIsRefusedWithoutReachingTheNetwork() {
        String missing = "https://adapters.invalid/flowmesh/missing-lora/adapter.tar.gz";

        Diagnostic violation = onlyViolation(rejected(urlAdapter(missing, "Bearer x")));

        assertThat(violation.pointer()).as("pointer").isEqualTo("/spec/stages/0/spec/model/adapters/0/url");
        assertThat(violation.message()).as("an offline refusal, not a failed download")
                .contains(missing).contains("not in the URL mirror").doesNotContain("\n");
    }

    @Test
    void withoutAMirrorTheAdapterIsDownloadedWithItsHeaders() throws IOException {
        AdapterWriter adapter = AdapterWriter.tiny(LLAMA, 8);
        byte[] archive = adapter.tarGzBytes();
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/adapters/style.tar.gz", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(200, archive.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(archive);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/adapters/style.tar.gz";
            RunOptions noMirror = RunOptions.defaults().with(RunOptions.MODEL_STORE, fixtureStore().toString());

            Map<String, Object> resolved = onlyAdapter(completed(urlAdapter(url, "Bearer test-token"), noMirror),
                    "classify");

            assertThat(authorizations).as("Authorization headers the server received")
                    .containsExactly("Bearer test-token");
            assertThat(resolved).as("downloaded adapter").containsEntry("source_kind", "url")
                    .doesNotContainKey("source").containsEntry("r", 8)
                    .containsEntry("config_sha256", sha256(adapter.configBytes()));
        } finally {
            server.stop(0);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
