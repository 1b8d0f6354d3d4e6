package io.flowmesh.reference.backend.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class UstarRoundTripTest {

    @Test
    void filesDirectoriesAndLinksRoundTrip() throws IOException {
        String longName = "adapters/" + "deep/".repeat(25) + "adapter_config.json";
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (UstarWriter tar = new UstarWriter(archive)) {
            tar.directory("adapters").file("adapters/a.txt", bytes("hello")).file(longName, bytes("{}"))
                    .symlink("adapters/link", "../../etc/passwd");
        }

        UstarReader reader = new UstarReader(new ByteArrayInputStream(archive.toByteArray()));
        List<String> seen = new ArrayList<>();
        String content = null;
        for (UstarReader.Entry entry = reader.next(); entry != null; entry = reader.next()) {
            seen.add(entry.type() + ":" + entry.name() + (entry.linkName().isEmpty() ? "" : "->" + entry.linkName()));
            if (entry.name().equals("adapters/a.txt")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                reader.copyContent(out);
                content = out.toString(StandardCharsets.UTF_8);
            }
        }

        assertThat(archive.size() % 512).as("archive is whole blocks").isZero();
        assertThat(seen).as("entries").containsExactly("5:adapters/", "0:adapters/a.txt", "0:" + longName,
                "2:adapters/link->../../etc/passwd");
        assertThat(content).as("content of a.txt").isEqualTo("hello");
    }

    @Test
    void paxAndGnuLongNamesOverrideTheHeaderName() throws IOException {
        String paxPath = "pax/" + "x".repeat(150) + ".json";
        String record = " path=" + paxPath + "\n";
        int length = record.length() + 3;
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (UstarWriter tar = new UstarWriter(archive)) {
            tar.raw("PaxHeader/0", 'x', bytes(length + record));
            tar.file("short-a", bytes("A"));
            tar.raw("././@LongLink", 'L', bytes("gnu/" + "y".repeat(120) + "\0"));
            tar.file("short-b", bytes("B"));
        }

        UstarReader reader = new UstarReader(new ByteArrayInputStream(archive.toByteArray()));

        assertThat(reader.next().name()).as("pax path").isEqualTo(paxPath);
        assertThat(reader.next().name()).as("GNU long name").isEqualTo("gnu/" + "y".repeat(120));
        assertThat(reader.next()).as("end").isNull();
    }

    @Test
    void aCorruptHeaderIsNotReadAsATar() {
        byte[] garbage = new byte[1024];
        garbage[0] = 'x';

        assertThatThrownBy(() -> new UstarReader(new ByteArrayInputStream(garbage)).next())
                .isInstanceOf(IOException.class).hasMessageContaining("checksum");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
