package io.flowmesh.reference.backend.lora;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowmesh.reference.backend.http.HttpGet;

/**
 * Resolves LoRA adapter sources for real into a cache directory: the CPU backend of the LoRA executor,
 * real semantics at small scale.
 *
 * <ul>
 *   <li>{@code path}: a directory holding {@code adapter_config.json} is used in place; a tar, tar.gz
 *       or zip archive is unpacked into the cache.</li>
 *   <li>{@code url}: {@code file:} reads a local archive or directory; {@code http:} and {@code https:}
 *       download with the entry's headers and a timeout, refuse non-2xx answers, then unpack by
 *       {@code archive_format} or by the URL's extension; an absolute local path is read in place, as
 *       upstream's downloader reads one (it is what a stage placeholder renders an artifact to).</li>
 *   <li>{@code task_id}: the artifact directory or archive an earlier stage produced, looked up in the
 *       stage artifacts handed in.</li>
 * </ul>
 * Archives unpack into {@code <cache>/<kind>-<format>-<first 16 hex of the archive's SHA-256>/} (the
 * limits appended when they are not the defaults), so the same archive read the same way is unpacked
 * once, however many resolvers share the cache, and the directory name is reproducible. Unpacking is safe: see
 * {@link ArchiveExtractor}. The adapter directory is the unpacked root or its single top-level folder,
 * whichever holds {@code adapter_config.json}. Messages never contain header values, URL queries or
 * credentials.
 *
 * <p>A resolver {@linkplain #fetchingThrough fetching through} a URL server asks it for every http(s)
 * URL instead of the URL's host: {@code https://host/a/b?q} is fetched as {@code <server>/host/a/b?q},
 * with the same headers. Messages still name the URL as written.
 */
public final class AdapterResolver {

    private static final String CONFIG = "adapter_config.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final Path cacheDir;
    private final Path workDir;
    private final Map<String, Path> stageArtifacts;
    private final ArchiveLimits limits;
    private final Duration httpTimeout;
    private final ArchiveExtractor extractor;
    private final String server;

    /**
     * A resolver with default archive limits and a 60 s HTTP timeout.
     *
     * @param cacheDir where archives are downloaded and unpacked; created when missing
     * @param workDir what relative {@code path} sources are relative to
     * @param stageArtifacts earlier stages' artifact paths (directory or archive) by task id
     */
    public AdapterResolver(Path cacheDir, Path workDir, Map<String, Path> stageArtifacts) {
        this(cacheDir, workDir, stageArtifacts, ArchiveLimits.defaults(), Duration.ofSeconds(60));
    }

    /**
     * A resolver with explicit limits.
     *
     * @param httpTimeout the connect timeout and the whole-request timeout of downloads
     */
    public AdapterResolver(Path cacheDir, Path workDir, Map<String, Path> stageArtifacts, ArchiveLimits limits,
                           Duration httpTimeout) {
        this(cacheDir, workDir, stageArtifacts, limits, httpTimeout, null);
    }

    private AdapterResolver(Path cacheDir, Path workDir, Map<String, Path> stageArtifacts, ArchiveLimits limits,
                            Duration httpTimeout, String server) {
        this.server = server;
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
        this.workDir = workDir.toAbsolutePath().normalize();
        this.stageArtifacts = new TreeMap<>(stageArtifacts);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.httpTimeout = Objects.requireNonNull(httpTimeout, "httpTimeout");
        this.extractor = new ArchiveExtractor(limits);
    }

    /**
     * The same resolver, fetching every http(s) URL from this URL server, e.g. the kit's
     * {@code http://127.0.0.1:41234/w/r17/urls}: {@code https://host/a/b} is asked for as
     * {@code <server>/host/a/b}.
     *
     * @throws IllegalArgumentException when the server is not an absolute http(s) URL
     */
    public AdapterResolver fetchingThrough(String urlServer) {
        URI uri = URI.create(Objects.requireNonNull(urlServer, "urlServer"));
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("the URL server must be an http(s) URL, got '" + urlServer + "'");
        }
        return new AdapterResolver(cacheDir, workDir, stageArtifacts, limits, httpTimeout,
                urlServer.endsWith("/") ? urlServer.substring(0, urlServer.length() - 1) : urlServer);
    }

    /**
     * Reads and resolves one {@code model.adapters[]} entry.
     *
     * @param pointer the entry's JSON pointer, for messages
     */
    public ResolvedAdapter resolve(Map<String, Object> entry, String pointer) throws AdapterResolutionException {
        return resolve(AdapterSpec.fromEntry(entry, pointer));
    }

    /**
     * Resolves an adapter to a local directory holding {@code adapter_config.json}.
     *
     * @throws AdapterResolutionException when the source is missing, unreachable, unsafe, oversized or
     *     holds no adapter config
     */
    public ResolvedAdapter resolve(AdapterSpec spec) throws AdapterResolutionException {
        AdapterSource source = spec.source();
        String shown = source instanceof AdapterSource.Url url ? displayUrl(url.value()) : source.value();
        String subject = "adapter " + (spec.name() == null ? "" : "'" + spec.name() + "' ")
                + "(" + source.kind().field() + ": " + shown + ")";
        Path dir;
        String fileName;
        if (source instanceof AdapterSource.LocalPath local) {
            Path path = workDir.resolve(local.value()).normalize();
            fileName = String.valueOf(path.getFileName());
            dir = fromLocal(path, null, source.kind(), subject);
        } else if (source instanceof AdapterSource.TaskArtifact task) {
            Path artifact = stageArtifacts.get(task.value());
            if (artifact == null) {
                throw new AdapterResolutionException(subject + ": no earlier stage produced task_id '" + task.value()
                        + "'; known: " + (stageArtifacts.isEmpty() ? "none" : String.join(", ", stageArtifacts.keySet())));
            }
            fileName = task.value();
            dir = fromLocal(artifact, null, source.kind(), subject);
        } else if (source.value().startsWith("/")) {
            // Upstream's downloader takes an absolute local path as a URL: the form a stage placeholder
            // renders an earlier stage's artifact to when no server URL is configured.
            Path path = Path.of(source.value()).normalize();
            fileName = String.valueOf(path.getFileName());
            dir = fromLocal(path, format(((AdapterSource.Url) source).archiveFormat(), subject), source.kind(), subject);
        } else {
            AdapterSource.Url url = (AdapterSource.Url) source;
            URI uri = uri(url.value(), subject);
            String path = uri.getPath() == null ? "" : uri.getPath();
            fileName = path.substring(path.lastIndexOf('/') + 1);
            dir = fromUrl(uri, url, subject);
        }
        String name = spec.name() != null ? spec.name() : ArchiveFormat.stripExtension(fileName);
        return read(name, source.kind(), dir, subject);
    }

    private Path fromLocal(Path path, ArchiveFormat format, SourceKind kind, String subject)
            throws AdapterResolutionException {
        if (Files.isDirectory(path)) {
            if (!Files.isRegularFile(path.resolve(CONFIG))) {
                throw new AdapterResolutionException(subject + ": directory has no " + CONFIG);
            }
            return path;
        }
        if (!Files.isRegularFile(path)) {
            throw new AdapterResolutionException(subject + ": no such file or directory");
        }
        ArchiveFormat chosen = format != null ? format : ArchiveFormat.fromFileName(path.getFileName().toString())
                .orElseThrow(() -> new AdapterResolutionException(subject
                        + ": not a directory and not a .tar, .tar.gz, .tgz or .zip archive"));
        return unpack(path, chosen, kind, subject);
    }

    private Path fromUrl(URI uri, AdapterSource.Url url, String subject) throws AdapterResolutionException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        ArchiveFormat format = format(url.archiveFormat(), subject);
        if (scheme.equals("file")) {
            return fromLocal(localPath(uri, subject), format, SourceKind.URL, subject);
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new AdapterResolutionException(subject + ": unsupported URL scheme '" + scheme
                    + "'; use http, https or file");
        }
        if (format == null) {
            format = ArchiveFormat.fromFileName(uri.getPath() == null ? "" : uri.getPath()).orElseThrow(() ->
                    new AdapterResolutionException(subject + ": cannot tell the archive format from the URL; set "
                            + "archive_format (" + ArchiveFormat.ACCEPTED + ")"));
        }
        Path download = download(uri, url.headers(), subject);
        try {
            return unpack(download, format, SourceKind.URL, subject);
        } finally {
            deleteQuietly(download);
        }
    }

    /** Where a URL is fetched from: itself, or its place on the URL server. */
    private URI fetched(URI uri) {
        if (server == null) {
            return uri;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return URI.create(server + "/" + uri.getRawAuthority() + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /** The archive format an entry names, or null when it names none. */
    private static ArchiveFormat format(String archiveFormat, String subject) throws AdapterResolutionException {
        if (archiveFormat == null) {
            return null;
        }
        return ArchiveFormat.fromName(archiveFormat).orElseThrow(() -> new AdapterResolutionException(
                subject + ": unknown archive_format '" + archiveFormat + "'; accepted: " + ArchiveFormat.ACCEPTED));
    }

    private static Path localPath(URI uri, String subject) throws AdapterResolutionException {
        try {
            return Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw new AdapterResolutionException(subject + ": not a local file URL: " + e.getMessage());
        }
    }

    private Path download(URI uri, Map<String, String> headers, String subject) throws AdapterResolutionException {
        Path target;
        try {
            Files.createDirectories(cacheDir);
            target = Files.createTempFile(cacheDir, ".download-", ".part");
        } catch (IOException e) {
            throw new AdapterResolutionException(subject + ": cannot write to the adapter cache: " + e.getMessage());
        }
        try (HttpGet.Answer answer = HttpGet.send(fetched(uri), headers, httpTimeout, httpTimeout)) {
            if (answer.status() / 100 != 2) {
                throw new AdapterResolutionException(subject + ": download failed with HTTP " + answer.status());
            }
            copyBounded(answer.body(), target, subject);
            return target;
        } catch (SocketTimeoutException e) {
            deleteQuietly(target);
            throw new AdapterResolutionException(subject + ": download timed out after "
                    + httpTimeout.toMillis() / 1000.0 + " s");
        } catch (IOException e) {
            deleteQuietly(target);
            throw new AdapterResolutionException(subject + ": download failed: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            deleteQuietly(target);
            throw new AdapterResolutionException(subject + ": " + e.getMessage());
        } catch (AdapterResolutionException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    private void copyBounded(InputStream body, Path target, String subject)
            throws IOException, AdapterResolutionException {
        try (OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                total += read;
                if (total > limits.maxArchiveBytes()) {
                    throw new AdapterResolutionException(subject + ": download exceeds the archive limit of "
                            + limits.maxArchiveBytes() + " bytes");
                }
                out.write(buffer, 0, read);
            }
        }
    }

    private Path unpack(Path archive, ArchiveFormat format, SourceKind kind, String subject)
            throws AdapterResolutionException {
        Path unpacked;
        try {
            Files.createDirectories(cacheDir);
            unpacked = cacheDir.resolve(unpackedName(archive, format, kind));
            if (!Files.isDirectory(unpacked)) {
                Path staging = Files.createTempDirectory(cacheDir, ".unpack-");
                try {
                    extractor.extract(archive, format, staging, subject);
                } catch (AdapterResolutionException | RuntimeException e) {
                    deleteTree(staging);
                    throw e;
                }
                try {
                    Files.move(staging, unpacked, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    deleteTree(staging);
                    // Another resolver sharing the cache unpacked the same archive first (the rename then
                    // fails as the folder exists, or is not empty); its copy is identical.
                    if (!Files.isDirectory(unpacked)) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new AdapterResolutionException(subject + ": cannot unpack into the adapter cache: " + e.getMessage());
        }
        return adapterRoot(unpacked, subject);
    }

    /**
     * The name of an archive's unpacked folder: everything the unpacking depends on, so that a folder is
     * only ever reused for the same unpacking. The archive's content (a rewritten file is unpacked anew),
     * the format it is read as (a tar.gz read as a tar is refused, not answered from its tar.gz reading) and
     * the limits, when they are not the defaults (an archive unpacked under looser limits must not pass
     * stricter ones).
     */
    private String unpackedName(Path archive, ArchiveFormat format, SourceKind kind) throws IOException {
        String name = kind.field() + "-" + format.name().toLowerCase(Locale.ROOT) + "-" + sha256(archive).substring(0, 16);
        return limits.equals(ArchiveLimits.defaults()) ? name
                : name + "-limits-" + limits.maxArchiveBytes() + "-" + limits.maxUnpackedBytes() + "-" + limits.maxEntries();
    }

    private static Path adapterRoot(Path unpacked, String subject) throws AdapterResolutionException {
        if (Files.isRegularFile(unpacked.resolve(CONFIG))) {
            return unpacked;
        }
        try (Stream<Path> children = Files.list(unpacked)) {
            List<Path> entries = children.toList();
            if (entries.size() == 1 && Files.isRegularFile(entries.get(0).resolve(CONFIG))) {
                return entries.get(0);
            }
        } catch (IOException e) {
            throw new AdapterResolutionException(subject + ": cannot list the unpacked archive: " + e.getMessage());
        }
        throw new AdapterResolutionException(subject + ": archive has no " + CONFIG
                + " at its top level or in its single top-level folder");
    }

    private static ResolvedAdapter read(String name, SourceKind kind, Path dir, String subject)
            throws AdapterResolutionException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(CONFIG));
        } catch (IOException e) {
            throw new AdapterResolutionException(subject + ": cannot read " + CONFIG + ": " + e.getMessage());
        }
        Map<String, Object> config;
        try {
            config = JSON.readValue(bytes, JSON_OBJECT);
        } catch (JsonProcessingException e) {
            throw new AdapterResolutionException(subject + ": " + CONFIG + " is not a JSON object: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new AdapterResolutionException(subject + ": cannot parse " + CONFIG + ": " + e.getMessage());
        }
        if (config == null) {
            throw new AdapterResolutionException(subject + ": " + CONFIG + " is empty");
        }
        return new ResolvedAdapter(name, kind, dir, HexFormat.of().formatHex(digest().digest(bytes)), config);
    }

    private static URI uri(String value, String subject) throws AdapterResolutionException {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new AdapterResolutionException(subject + ": not a valid URL: " + e.getReason());
        }
    }

    /** The URL without credentials, query or fragment, which may carry secrets. */
    private static String displayUrl(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.isOpaque()) {
                return "<malformed URL>";
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return "<malformed URL>";
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A stray partial download in the cache is harmless; the resolution error matters more.
            file.toFile().deleteOnExit();
        }
    }
}
