package io.flowmesh.conformance.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateCorpusTest {

    @TempDir
    Path dir;

    private Path write(String relative, String text) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Nested
    class Folders {

        @Test
        void areSearchedAtEveryDepthForYamlFilesOnlyInPathOrder() throws Exception {
            write("b.yaml", "kind: b\n");
            write("a/z.yml", "kind: z\n");
            write("a/deeper/y.YAML", "kind: y\n");
            write("a/readme.md", "# no\n");
            write("c.json", "{}");

            List<Template> templates = TemplateCorpus.load(List.of(dir));

            assertThat(templates).extracting(Template::file).containsExactly("a/deeper/y.YAML", "a/z.yml", "b.yaml");
            assertThat(templates).extracting(Template::yaml).containsExactly("kind: y\n", "kind: z\n", "kind: b\n");
        }

        @Test
        void keepAnUnreadableFileAsAnUnreadableTemplate() throws Exception {
            Files.write(dir.resolve("bad.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe});
            write("good.yaml", "kind: g\n");

            List<Template> templates = TemplateCorpus.load(List.of(dir));

            assertThat(templates).extracting(Template::file).containsExactly("bad.yaml", "good.yaml");
            assertThat(templates.get(0).readProblem())
                    .contains(dir.resolve("bad.yaml") + ":1:1: not UTF-8 text (byte 0xff at offset 0); save the file as UTF-8");
            assertThat(templates.get(1).readProblem()).isEmpty();
        }

        @Test
        void withoutTemplatesAreAnError() {
            assertThatThrownBy(() -> TemplateCorpus.load(List.of(dir))).isInstanceOf(AuditInputException.class)
                    .hasMessage("no templates found in " + dir + ": no *.yaml or *.yml file is below it");
        }
    }

    @Nested
    class Files_ {

        @Test
        void areTakenAsGivenInTheOrderGivenNamedByTheirFileName() throws Exception {
            Path second = write("x/second.yaml", "kind: 2\n");
            Path first = write("first.txt", "kind: 1\n");

            assertThat(TemplateCorpus.expand(List.of(second, first))).extracting(TemplateCorpus.TemplateFile::name)
                    .containsExactly("second.yaml", "first.txt");
        }

        @Test
        void thatDoNotExistAreAnError() {
            Path missing = dir.resolve("missing.yaml");

            assertThatThrownBy(() -> TemplateCorpus.expand(List.of(missing))).isInstanceOf(AuditInputException.class)
                    .hasMessage(missing + ": no such file or folder");
        }
    }
}
