package io.flowmesh.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inputs the kit's jar carries, and the suites' defaults that use them. */
class BundledInputsTest {

    @TempDir
    Path dir;

    @Test
    void theBuildBundlesTheRepositorysTemplatesClassificationAndFixtures() throws Exception {
        Path bundle = BundledInputs.root();
        Path repository = SuiteSettings.root();

        assertThat(bundle.resolve("expected/classification.yaml")).hasSameTextualContentAs(
                repository.resolve("expected/classification.yaml"));
        try (var templates = Files.list(repository.resolve("templates"))) {
            assertThat(templates).allSatisfy(template -> assertThat(bundle.resolve("templates").resolve(template.getFileName()))
                    .hasSameBinaryContentAs(template));
        }
        assertThat(bundle.resolve("fixtures/model-store")).isDirectory();
        assertThat(bundle.resolve("fixtures/url-mirror/huggingface.co/flowmesh/sentiment-lora/resolve/main/adapter.tar.gz"))
                .hasSameBinaryContentAs(repository.resolve(
                        "fixtures/url-mirror/huggingface.co/flowmesh/sentiment-lora/resolve/main/adapter.tar.gz"));
    }

    @Test
    void aBundleInsideAJarIsCopiedToAFolderTheImplementationCanBeHanded() throws Exception {
        // given a jar holding a bundle
        Path jar = jar(Map.of(BundledInputs.PREFIX + "expected/classification.yaml", "version: 1\n",
                BundledInputs.PREFIX + "fixtures/url-mirror/host/file.txt", "served"));

        // when the bundle is located through its marker's jar: URL
        Path root = BundledInputs.locate(new URL("jar:" + jar.toUri() + "!/" + BundledInputs.PREFIX
                + "expected/classification.yaml"));

        // then it is a real folder with the jar's files
        assertThat(root.resolve("expected/classification.yaml")).hasContent("version: 1");
        assertThat(root.resolve("fixtures/url-mirror/host/file.txt")).hasContent("served");
        assertThat(root).isNotEqualTo(jar.getParent());
    }

    @Test
    void aJarEntryThatClimbsOutOfTheBundleIsRefused() throws Exception {
        Path jar = jar(Map.of(BundledInputs.PREFIX + "expected/classification.yaml", "version: 1\n",
                BundledInputs.PREFIX + "../../../../escaped.txt", "outside"));

        assertThatThrownBy(() -> BundledInputs.locate(new URL("jar:" + jar.toUri() + "!/" + BundledInputs.PREFIX
                + "expected/classification.yaml")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageEndingWith("leaves the bundle folder");
    }

    @Test
    void aKitWithoutABundleSaysWhichPropertiesToSet() {
        assertThatThrownBy(() -> BundledInputs.locate(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the kit's jar carries no bundled inputs (io/flowmesh/conformance/bundled/expected/"
                        + "classification.yaml is not on the class path); set -Dconformance.templates,"
                        + " -Dconformance.classification and -Dconformance.urlMirror, or -Dflowmesh.repository.root to a"
                        + " clone of the kit");
    }

    @Test
    void withoutARepositoryRootTheSuitesUseTheBundle() {
        String previous = System.getProperty(SuiteSettings.ROOT);
        System.clearProperty(SuiteSettings.ROOT);
        try {
            assertThat(SuiteSettings.templates()).isEqualTo(BundledInputs.root().resolve("templates"));
            assertThat(SuiteSettings.classification()).isEqualTo(BundledInputs.root().resolve("expected/classification.yaml"));
        } finally {
            if (previous != null) {
                System.setProperty(SuiteSettings.ROOT, previous);
            }
        }
    }

    private Path jar(Map<String, String> entries) throws Exception {
        Path jar = dir.resolve("kit.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }
}
