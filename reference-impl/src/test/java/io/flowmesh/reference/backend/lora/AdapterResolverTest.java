package io.flowmesh.reference.backend.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterResolverTest {

    private static final AdapterWriter ADAPTER = AdapterWriter.tiny("Qwen/Qwen2.5-0.5B-Instruct", 4);

    @TempDir
    Path work;

    private Path cache;
    private AdapterResolver resolver;

    @BeforeEach
    void setUp() throws IOException {
        cache = work.resolve("cache");
        resolver = new AdapterResolver(cache, work, Map.of());
    }

    @Test
    void aLocalDirectoryIsUsedInPlace() throws Exception {
        Path dir = ADAPTER.writeDirectory(work.resolve("sql-lora"));

        ResolvedAdapter adapter = resolver.resolve(Map.of("type", "lora", "path", "sql-lora"), "/a/0");

        assertThat(adapter.dir()).as("dir").isEqualTo(dir);
        assertThat(adapter.name()).as("name from the folder").isEqualTo("sql-lora");
        assertThat(adapter.sourceKind()).as("kind").isEqualTo(SourceKind.PATH);
        assertThat(adapter.configSha256()).as("config sha").isEqualTo(sha256(ADAPTER.configBytes()));
        assertThat(adapter.adapterConfig()).as("config").containsEntry("r", 4).containsEntry("lora_alpha", 8)
                .containsEntry("target_modules", List.of("q_proj", "v_proj"))
                .containsEntry("base_model_name_or_path", "Qwen/Qwen2.5-0.5B-Instruct");
        assertThat(adapter.facts()).as("facts").containsEntry("source_kind", "path").containsEntry("r", 4);
    }

    @Test
    void aDirectoryWithoutAdapterConfigIsRefused() throws Exception {
        Files.createDirectories(work.resolve("empty"));

        assertThatThrownBy(() -> resolver.resolve(Map.of("path", "empty", "name", "e"), "/a/0"))
                .isInstanceOf(AdapterResolutionException.class)
                .hasMessage("adapter 'e' (path: empty): directory has no adapter_config.json");
    }

    @Test
    void tarTarGzAndZipArchivesUnpackIntoTheCache() throws Exception {
        List<Path> archives = List.of(ADAPTER.writeTar(work.resolve("a.tar")),
                ADAPTER.inFolder("lora").writeTarGz(work.resolve("b.tar.gz")),
                ADAPTER.inFolder("lora").writeZip(work.resolve("c.zip")), ADAPTER.writeTarGz(work.resolve("d.tgz")));
        for (Path archive : archives) {
            ResolvedAdapter adapter = resolver.resolve(new AdapterSpec(null, new AdapterSource.LocalPath(archive.toString())));

            assertThat(adapter.dir()).as("dir of %s", archive.getFileName()).startsWith(cache)
                    .satisfies(dir -> assertThat(dir.resolve(AdapterWriter.WEIGHTS)).isRegularFile());
            assertThat(adapter.configSha256()).as("config sha of %s", archive.getFileName())
                    .isEqualTo(sha256(ADAPTER.configBytes()));
            assertThat(adapter.name()).as("name of %s", archive.getFileName())
                    .isEqualTo(ArchiveFormat.stripExtension(archive.getFileName().toString()));
        }
        Path tarGz = archives.get(1);
        assertThat(resolver.resolve(new AdapterSpec("x", new AdapterSource.LocalPath(tarGz.toString()))).dir())
                .as("the unpacked dir of one archive is content-addressed")
                .isEqualTo(cache.resolve("path-tar_gz-" + sha256(Files.readAllBytes(tarGz)).substring(0, 16)).resolve("lora"));
    }

    @Test
    void anArchiveUnpackedInOneFormatIsNotReusedForAnother() throws Exception {
        Path tarGz = ADAPTER.writeTarGz(work.resolve("adapter.tar.gz"));
        String url = tarGz.toUri().toString();
        assertThat(resolver.resolve(new AdapterSpec("a", new AdapterSource.Url(url, "tar.gz", Map.of()))).configSha256())
                .as("read as the tar.gz it is").isEqualTo(sha256(ADAPTER.configBytes()));

        assertThatThrownBy(() -> resolver.resolve(new AdapterSpec("a", new AdapterSource.Url(url, "tar", Map.of()))))
                .as("the same file read as a tar, after its tar.gz reading was cached")
                .isInstanceOf(AdapterResolutionException.class).hasMessageContaining("not a valid tar archive");
    }

    @Test
    void resolversUnpackingOneArchiveAtOnceInOneCacheAllGetTheAdapter() throws Exception {
        Path tar = ADAPTER.writeTar(work.resolve("shared.tar"));
        int threads = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            for (int attempt = 0; attempt < 25; attempt++) {
                Path shared = work.resolve("shared-cache-" + attempt);
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
                List<java.util.concurrent.Future<ResolvedAdapter>> resolved = new java.util.ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    resolved.add(pool.submit(() -> {
                        start.await();
                        return new AdapterResolver(shared, work, Map.of())
                                .resolve(new AdapterSpec("a", new AdapterSource.LocalPath(tar.toString())));
                    }));
                }
                for (java.util.concurrent.Future<ResolvedAdapter> each : resolved) {
                    assertThat(each.get().configSha256()).as("attempt %d: every resolver's adapter", attempt)
                            .isEqualTo(sha256(ADAPTER.configBytes()));
                }
                try (Stream<Path> left = Files.list(shared)) {
                    assertThat(left.map(path -> path.getFileName().toString()))
                            .as("attempt %d: one unpacked folder and no staging folder left", attempt)
                            .singleElement().asString().startsWith("path-tar-");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anArchiveUnpackedUnderLooserLimitsIsNotReusedUnderStricterOnes() throws Exception {
        Path tar = ADAPTER.writeTar(work.resolve("adapter.tar"));
        resolver.resolve(new AdapterSpec("a", new AdapterSource.LocalPath(tar.toString())));
        AdapterResolver strict = new AdapterResolver(cache, work, Map.of(), new ArchiveLimits(1 << 20, 1 << 20, 1),
                java.time.Duration.ofSeconds(5));

        assertThatThrownBy(() -> strict.resolve(new AdapterSpec("a", new AdapterSource.LocalPath(tar.toString()))))
                .as("the archive's entries against a limit of one entry, in the cache the default limits filled")
                .isInstanceOf(AdapterResolutionException.class).hasMessageContaining("entries");
    }

    @Test
    void aTarEntryEscapingWithDotDotIsRefusedAndNothingIsWrittenOutside() throws Exception {
        Path evil = work.resolve("evil.tar");
        try (UstarWriter tar = new UstarWriter(Files.newOutputStream(evil))) {
            tar.file("adapter_config.json", ADAPTER.configBytes()).file("../evil", bytes("pwned"))
                    .file("../../evil2", bytes("pwned"));
        }

        assertThatThrownBy(() -> resolver.resolve(Map.of("path", "evil.tar"), "/a/0"))
                .isInstanceOf(AdapterResolutionException.class)
                .hasMessage("adapter (path: evil.tar): refusing archive entry '../evil': it would be written outside "
                        + "the adapter directory");
        assertThat(work.resolve("evil")).as("file beside the cache").doesNotExist();
        assertThat(work.getParent().resolve("evil2")).as("file two levels up").doesNotExist();
        assertThat(listing(cache)).as("the cache after a refused archive holds nothing").isEmpty();
    }

    @Test
    void absoluteNamesAndLinksInTarsAreRefused() throws Exception {
        Path absolute = work.resolve("abs.tar");
        try (UstarWriter tar = new UstarWriter(Files.newOutputStream(absolute))) {
            tar.file("/tmp/evil-absolute", bytes("x"));
        }
        Path symlink = work.resolve("link.tar");
        try (UstarWriter tar = new UstarWriter(Files.newOutputStream(symlink))) {
            tar.symlink("adapter_config.json", "/etc/passwd");
        }
        Path hardlink = work.resolve("hard.tar");
        try (UstarWriter tar = new UstarWriter(Files.newOutputStream(hardlink))) {
            tar.raw("weights", '1', new byte[0]);
        }

        assertThatThrownBy(() -> resolver.resolve(Map.of("path", "abs.tar"), "/a/0"))
                .isInstanceOf(AdapterResolutionException.class).hasMessageContaining("'/tmp/evil-absolute'");
        assertThatThrownBy(() -> resolver.resolve(Map.of("path", "link.tar"), "/a/0"))
                .isInstanceOf(AdapterResolutionException.class).hasMessageContaining("symbolic link entries are not allowed");
        assertThatThrownBy(() -> resolver.resolve(Map.of("path", "hard.tar"), "/a/0"))
                .isInstanceOf(AdapterResolutionException.class).hasMessageContaining("hard link entries are not allowed");
        assertThat(listing(cache)).as("cache").isEmpty();
    }

    @Test
    void zipEntriesEscapingOrLinkingAreRefused() throws Exception {
        Path escaping = work.resolve("escape.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(escaping))) {
            zip.putNextEntry(new ZipEntry("../evil"));
            zip.write(bytes("pwned"));
            zip.closeEntry();
        }
        Path linking = markAsUnixSymlink(ADAPTER.writeZip(work.resolve("link.zip")), "adapter_config.json");

        assertThatThrownBy(() -> resolver.resolve(Map.of("path", "escape.zip"), "/a/0"))
                .isInstanceOf(AdapterResolutionException.class).hasMessageContaining("refusing archive entry '../evil'");
        assertThatThrownBy(() -> resolver.resolve(Map.of("path", "link.zip"), "/a/0"))
                .isInstanceOf(AdapterResolutionException.class)
                .hasMessageContaining("refusing zip entry 'adapter_config.json': symbolic links are not allowed");
        assertThat(work.resolve("evil")).as("escaped file").doesNotExist();
        assertThat(linking).as("the archive itself stays").isRegularFile();
    }

    @Test
    void oversizedArchivesAreRefused() throws Exception {
        Path archive = ADAPTER.writeTarGz(work.resolve("a.tar.gz"));
        AdapterSpec spec = new AdapterSpec("a", new AdapterSource.LocalPath(archive.toString()));

        assertThatThrownBy(() -> limited(new ArchiveLimits(100, 1 << 20, 100)).resolve(spec))
                .isInstanceOf(AdapterResolutionException.class).hasMessageContaining("over the limit of 100");
        assertThatThrownBy(() -> limited(new ArchiveLimits(1 << 20, 200, 100)).resolve(spec))
                .isInstanceOf(AdapterResolutionException.class).hasMessageContaining("unpacks to more than 200 bytes");
        assertThatThrownBy(() -> limited(new ArchiveLimits(1 << 20, 1 << 20, 1)).resolve(spec))
                .isInstanceOf(AdapterResolutionException.class).hasMessageContaining("more than 1 entries");
        assertThat(listing(cache)).as("cache").isEmpty();
    }

    @Test
    void anArchiveWithoutAdapterConfigIsRefused() throws Exception {
        Path archive = work.resolve("weights-only.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            zip.putNextEntry(new ZipEntry("weights.bin"));
            zip.closeEntry();
        }

        assertThatThrownBy(() -> resolver.resolve(Map.of("path", "weights-only.zip"), "/a/0"))
                .isInstanceOf(AdapterResolutionException.class)
                .hasMessageContaining("archive has no adapter_config.json at its top level or in its single top-level folder");
    }

    @Test
    void fileUrlsReadArchivesAndDirectories() throws Exception {
        Path archive = ADAPTER.writeZip(work.resolve("remote.zip"));
        Path dir = ADAPTER.writeDirectory(work.resolve("remote-dir"));

        ResolvedAdapter fromArchive = resolver.resolve(Map.of("url", archive.toUri().toString()), "/a/0");
        ResolvedAdapter fromDir = resolver.resolve(Map.of("url", dir.toUri().toString()), "/a/1");

        assertThat(fromArchive.sourceKind()).as("kind").isEqualTo(SourceKind.URL);
        assertThat(fromArchive.dir().toString()).as("unpacked").startsWith(cache.resolve("url-").toString());
        assertThat(fromArchive.name()).as("name").isEqualTo("remote");
        assertThat(fromDir.dir()).as("directory in place").isEqualTo(dir);
    }

    @Test
    void unsupportedSchemesAndUnknownFormatsAreRefused() {
        assertThatThrownBy(() -> resolver.resolve(Map.of("url", "ftp://h/a.zip"), "/a/0"))
                .isInstanceOf(AdapterResolutionException.class).hasMessageContaining("unsupported URL scheme 'ftp'");
        assertThatThrownBy(() -> resolver.resolve(Map.of("url", "https://h/a.zip", "archive_format", "rar"), "/a/0"))
                .isInstanceOf(AdapterResolutionException.class).hasMessageContaining("unknown archive_format 'rar'");
        assertThatThrownBy(() -> resolver.resolve(Map.of("url", "https://h/download"), "/a/0"))
                .isInstanceOf(AdapterResolutionException.class).hasMessageContaining("set archive_format");
    }

    @Test
    void taskIdsResolveEarlierStagesArtifacts() throws Exception {
        Path dir = ADAPTER.writeDirectory(work.resolve("stage-out/final_lora"));
        Path archive = ADAPTER.writeTarGz(work.resolve("stage-out/final_lora.tar.gz"));
        AdapterResolver staged = new AdapterResolver(cache, work, Map.of("lora-train", dir, "lora-pack", archive));

        ResolvedAdapter fromDir = staged.resolve(Map.of("task_id", "lora-train"), "/a/0");
        ResolvedAdapter fromArchive = staged.resolve(Map.of("task_id", "lora-pack"), "/a/1");

        assertThat(fromDir.dir()).as("dir artifact").isEqualTo(dir);
        assertThat(fromDir.name()).as("name").isEqualTo("lora-train");
        assertThat(fromDir.sourceKind()).as("kind").isEqualTo(SourceKind.TASK_ID);
        assertThat(fromArchive.dir().toString()).as("archive artifact").startsWith(cache.resolve("task_id-").toString());
        assertThatThrownBy(() -> staged.resolve(Map.of("task_id", "lora-tune"), "/a/2"))
                .isInstanceOf(AdapterResolutionException.class)
                .hasMessage("adapter (task_id: lora-tune): no earlier stage produced task_id 'lora-tune'; "
                        + "known: lora-pack, lora-train");
    }

    @Test
    void missingPathsAreReported() {
        assertThatThrownBy(() -> resolver.resolve(Map.of("path", "nowhere.tar.gz"), "/a/0"))
                .isInstanceOf(AdapterResolutionException.class)
                .hasMessage("adapter (path: nowhere.tar.gz): no such file or directory");
    }

    private AdapterResolver limited(ArchiveLimits limits) {
        return new AdapterResolver(cache, work, Map.of(), limits, Duration.ofSeconds(5));
    }

    private static List<String> listing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(path -> !path.equals(dir)).map(path -> dir.relativize(path).toString()).sorted().toList();
        }
    }

    /** Rewrites a zip's central directory entry so that Unix tools would unpack it as a symlink. */
    private static Path markAsUnixSymlink(Path zip, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] nameBytes = bytes(name);
        for (int i = 0; i + 46 < bytes.length; i++) {
            if (buffer.getInt(i) == 0x02014b50 && buffer.getShort(i + 28) == nameBytes.length
                    && new String(bytes, i + 46, nameBytes.length, StandardCharsets.UTF_8).equals(name)) {
                buffer.putShort(i + 4, (short) ((3 << 8) | 20));
                buffer.putInt(i + 38, 0120777 << 16);
            }
        }
        Files.write(zip, bytes);
        return zip;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
