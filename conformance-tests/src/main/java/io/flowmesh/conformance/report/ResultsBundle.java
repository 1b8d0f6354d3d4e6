package io.flowmesh.conformance.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.store.Sha256;
import org.apiguardian.api.API;

/**
 * A results bundle: one zip that lets a third party check a published audit. It holds the reports, the
 * badge, the deviations file if any, {@code manifest.json} (kit version and SHA-256, classification
 * SHA-256, the implementation and its capabilities, the command line, JDK, OS, GPU facts when GPU tests
 * ran, the summary, and the SHA-256 of every other file), and {@code SHA256SUMS} over every file but
 * itself, in {@code sha256sum -c} format.
 *
 * <p>{@link #verify(Path)} rechecks every hash and recomputes the summary from {@code report.json}. The
 * hashes find a changed, missing or added file; they are not a signature: whoever rewrites every hash
 * can forge a bundle, so a publisher who wants more signs the zip, and a checker compares the kit's hash
 * with the kit release's own.
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public final class ResultsBundle {

    /** The file that lists the SHA-256 of every other file. */
    public static final String SUMS = "SHA256SUMS";
    /** The file of facts about the run. */
    public static final String MANIFEST = "manifest.json";
    /** The JSON report the summary is recomputed from. */
    public static final String JSON_REPORT = "report.json";
    /** The name the deviations file gets in the bundle. */
    public static final String DEVIATIONS = "deviations.yaml";

    /** The most bytes a bundle's files may hold together when verified. */
    private static final long MAX_BYTES = 256L << 20;

    /** Every entry gets this time, so that the same run gives the same bytes. */
    private static final long ENTRY_TIME = 315_532_800_000L;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsBundle() {
    }

    /**
     * How the kit's code is identified: the SHA-256 of the jar its classes were loaded from, or, run from
     * a classes folder (a build's {@code target/classes}), the SHA-256 of the {@code sha256sum} listing of
     * every file under it, sorted by path, as {@code (cd DIR && find . -type f | LC_ALL=C sort | sed
     * 's|^./||' | xargs sha256sum) | sha256sum} prints it.
     *
     * @param sha256 the hash
     * @param of what was hashed, in words
     */
    public record KitHash(String sha256, String of) {

        /** The hash of the code the given class was loaded from. */
        public static KitHash of(Class<?> kitClass) {
            CodeSource source = kitClass.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return new KitHash("unknown", "the kit's classes came from no file the JVM names");
            }
            try {
                Path location = Path.of(source.getLocation().toURI());
                if (Files.isDirectory(location)) {
                    return new KitHash(listingHash(location), "the sha256sum listing of every file under the classes"
                            + " folder " + location.getFileName() + ", sorted by path (not a released jar)");
                }
                return new KitHash(Sha256.hex(Files.readAllBytes(location)), "the jar " + location.getFileName()
                        + " the kit's classes were loaded from, with whatever else it bundles");
            } catch (IOException | URISyntaxException | IllegalArgumentException e) {
                return new KitHash("unknown", "the kit's code at " + source.getLocation() + " cannot be read: " + e);
            }
        }

        private static String listingHash(Path folder) throws IOException {
            TreeMap<String, Path> files = new TreeMap<>();
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(Files::isRegularFile).forEach(f -> files.put(folder.relativize(f).toString().replace('\\', '/'), f));
            }
            StringBuilder listing = new StringBuilder();
            for (Map.Entry<String, Path> file : files.entrySet()) {
                listing.append(Sha256.hex(Files.readAllBytes(file.getValue()))).append("  ").append(file.getKey()).append('\n');
            }
            return Sha256.hex(listing.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The facts about a run that the reports do not hold.
     *
     * @param kitVersion the kit's version
     * @param kit the kit's code hash
     * @param classification the classification file's content
     * @param deviations the deviations file's content, when one was given
     * @param capabilities what the implementation declares
     * @param backend the backend family asked for, or empty for the implementation's choice
     * @param commandLine the arguments the kit was run with
     * @param gpu the GPU facts (model, driver) when GPU tests ran; empty otherwise
     * @param gpuNote why the GPU facts are what they are
     */
    public record Facts(String kitVersion, KitHash kit, byte[] classification, Optional<byte[]> deviations,
            Capabilities capabilities, Optional<String> backend, List<String> commandLine, Optional<Map<String, String>> gpu,
            String gpuNote) {
    }

    /**
     * Writes the bundle atomically.
     *
     * @param reports the report files by name, e.g. {@code report.json}; {@value #JSON_REPORT} among them
     */
    public static void write(Path zip, AuditReport report, Map<String, String> reports, Facts facts) throws IOException {
        TreeMap<String, byte[]> files = new TreeMap<>();
        reports.forEach((name, text) -> files.put(name, text.getBytes(StandardCharsets.UTF_8)));
        Badge.json(report).ifPresent(badge -> files.put(Badge.fileName(report.implementation()),
                badge.getBytes(StandardCharsets.UTF_8)));
        facts.deviations().ifPresent(bytes -> files.put(DEVIATIONS, bytes));
        Map<String, String> hashes = new TreeMap<>();
        files.forEach((name, bytes) -> hashes.put(name, Sha256.hex(bytes)));
        files.put(MANIFEST, JSON.writeValueAsString(manifest(report, facts, hashes)).concat("\n")
                .getBytes(StandardCharsets.UTF_8));
        StringBuilder sums = new StringBuilder();
        files.forEach((name, bytes) -> sums.append(Sha256.hex(bytes)).append("  ").append(name).append('\n'));
        files.put(SUMS, sums.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(zip, out -> {
            ZipOutputStream entries = new ZipOutputStream(out);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setTime(ENTRY_TIME);
                entries.putNextEntry(entry);
                entries.write(file.getValue());
                entries.closeEntry();
            }
            entries.finish();
        });
    }

    private static Map<String, Object> manifest(AuditReport report, Facts facts, Map<String, String> hashes) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("bundleVersion", 1);
        manifest.put("kit", ordered("version", facts.kitVersion(), "sha256", facts.kit().sha256(), "of", facts.kit().of()));
        manifest.put("classification", ordered("source", report.classification(), "sha256",
                Sha256.hex(facts.classification())));
        manifest.put("deviations", facts.deviations().map(d -> (Object) ordered("file", DEVIATIONS, "sha256", Sha256.hex(d)))
                .orElse("none: no deviations file was given, every check is held as it is"));
        Map<String, Object> capabilities = ordered("taskTypes", new TreeSet<>(facts.capabilities().taskTypes()),
                "backends", new TreeSet<>(facts.capabilities().backends()), "concurrent", facts.capabilities().concurrent(),
                "witnessed", new TreeSet<>(facts.capabilities().witnessed()));
        manifest.put("implementation", ordered("name", report.implementation(), "version", report.implementationVersion(),
                "capabilities", capabilities, "backend", facts.backend().orElse("the implementation's choice")));
        manifest.put("commandLine", facts.commandLine());
        manifest.put("jdk", ordered("version", System.getProperty("java.version"), "vendor",
                System.getProperty("java.vendor"), "vm", System.getProperty("java.vm.name")));
        manifest.put("os", ordered("name", System.getProperty("os.name"), "version", System.getProperty("os.version"),
                "arch", System.getProperty("os.arch")));
        manifest.put("gpu", facts.gpu().orElse(null));
        manifest.put("gpuNote", facts.gpuNote());
        manifest.put("summary", summary(report.summary(), report.verdict()));
        manifest.put("files", hashes);
        return manifest;
    }

    private static Map<String, Object> summary(Summary s, String verdict) {
        return ordered("checks", s.checks(), "passed", s.passed(), "failed", s.failed(), "conformant", s.conformant(),
                "verdict", verdict);
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * What verifying a bundle found.
     *
     * @param problems each problem, naming the file; empty when the bundle verifies
     * @param summary the summary recomputed from the JSON report, in words, or why it could not be
     */
    public record Verification(List<String> problems, String summary) {

        /** Whether every hash matched and the recomputed summary agrees with the manifest's. */
        public boolean verified() {
            return problems.isEmpty();
        }
    }

    /**
     * Rechecks every hash of a bundle and recomputes the summary from its JSON report.
     *
     * @throws IOException when the file is no readable zip
     */
    public static Verification verify(Path zip) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] bytes = readBounded(in, MAX_BYTES - total);
                total += bytes.length;
                if (files.put(entry.getName(), bytes) != null) {
                    problems.add(entry.getName() + ": the bundle holds it twice");
                }
            }
        }
        if (files.isEmpty()) {
            throw new IOException("not a zip file, or an empty one");
        }
        Map<String, String> listed = sums(files.get(SUMS), problems);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String name = file.getKey();
            if (name.equals(SUMS)) {
                continue;
            }
            String expected = listed.get(name);
            if (expected == null) {
                problems.add(name + ": an extra file, listed in no " + SUMS);
            } else if (!expected.equals(Sha256.hex(file.getValue()))) {
                problems.add(name + ": changed (its SHA-256 is " + Sha256.hex(file.getValue()) + ", " + SUMS + " says "
                        + expected + ")");
            }
        }
        listed.keySet().stream().filter(name -> !files.containsKey(name))
                .forEach(name -> problems.add(name + ": missing (" + SUMS + " lists it)"));
        JsonNode manifest = json(files.get(MANIFEST), MANIFEST, problems);
        if (manifest != null) {
            Map<String, String> inManifest = new TreeMap<>();
            manifest.path("files").properties().forEach(e -> inManifest.put(e.getKey(), e.getValue().asText()));
            Map<String, String> expected = new TreeMap<>(listed);
            expected.remove(MANIFEST);
            if (!inManifest.equals(expected)) {
                problems.add(MANIFEST + ": its file hashes disagree with " + SUMS);
            }
        }
        String recomputed = "not recomputed: no readable " + JSON_REPORT;
        JsonNode report = json(files.get(JSON_REPORT), JSON_REPORT, problems);
        if (report != null) {
            Map<String, Object> summary = recompute(report);
            recomputed = summary.get("checks") + " checks, " + summary.get("passed") + " passed, " + summary.get("failed")
                    + " failed" + ((Boolean) summary.get("conformant") ? ": conformant" : ": not conformant");
            compare(summary, report.path("summary"), JSON_REPORT, problems);
            if (manifest != null) {
                compare(summary, manifest.path("summary"), MANIFEST, problems);
            }
            String badge = Badge.fileName(report.path("implementation").path("name").asText());
            JsonNode shown = json(files.get(badge), badge, problems);
            boolean conformant = (Boolean) summary.get("conformant");
            if (shown != null && shown.path("color").asText().equals("red") == conformant) {
                problems.add(badge + ": its colour " + shown.path("color").asText() + " disagrees with the recomputed"
                        + " verdict (" + (conformant ? "conformant" : "not conformant") + ")");
            }
        }
        return new Verification(List.copyOf(problems), recomputed);
    }

    /**
     * The totals counted from the report's checks, as the audit counts them: every template check and field
     * probe, every judged contract case, every row check; conformant when none failed and the audit was no
     * selection.
     */
    private static Map<String, Object> recompute(JsonNode report) {
        int passed = 0;
        int failed = 0;
        List<JsonNode> checks = new ArrayList<>();
        for (JsonNode template : report.path("templates")) {
            template.path("checks").forEach(checks::add);
            template.path("fields").forEach(checks::add);
        }
        report.path("classificationChecks").forEach(checks::add);
        for (JsonNode contract : report.path("contracts")) {
            if (!"NOT_APPLICABLE".equals(contract.path("status").asText())) {
                checks.add(contract);
            }
        }
        for (JsonNode check : checks) {
            if (check.path("pass").asBoolean(false)) {
                passed++;
            } else {
                failed++;
            }
        }
        boolean selection = report.path("summary").has("selection");
        return ordered("checks", passed + failed, "passed", passed, "failed", failed, "conformant", failed == 0 && !selection);
    }

    private static void compare(Map<String, Object> recomputed, JsonNode stated, String file, List<String> problems) {
        for (Map.Entry<String, Object> total : recomputed.entrySet()) {
            JsonNode value = stated.path(total.getKey());
            String said = value.isMissingNode() ? "nothing" : value.asText();
            if (!said.equals(String.valueOf(total.getValue()))) {
                problems.add(file + ": its summary says " + total.getKey() + " " + said + ", the checks of " + JSON_REPORT
                        + " count " + total.getValue());
            }
        }
    }

    private static Map<String, String> sums(byte[] sums, List<String> problems) {
        Map<String, String> listed = new TreeMap<>();
        if (sums == null) {
            problems.add(SUMS + ": missing; it lists the SHA-256 of every file");
            return listed;
        }
        int line = 0;
        for (String text : new String(sums, StandardCharsets.UTF_8).split("\n")) {
            line++;
            if (!text.matches("[0-9a-f]{64}  \\S.*")) {
                problems.add(SUMS + ":" + line + ": not a '<sha256>  <file>' line");
                continue;
            }
            listed.put(text.substring(66), text.substring(0, 64));
        }
        return listed;
    }

    private static JsonNode json(byte[] bytes, String name, List<String> problems) {
        if (bytes == null) {
            return null;
        }
        try {
            return new ObjectMapper().readTree(bytes);
        } catch (IOException e) {
            problems.add(name + ": not readable JSON (" + (e instanceof JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage()) + ")");
            return null;
        }
    }

    private static byte[] readBounded(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            if (out.size() > limit) {
                throw new IOException("the bundle's files hold more than " + MAX_BYTES + " bytes");
            }
        }
        return out.toByteArray();
    }

}
