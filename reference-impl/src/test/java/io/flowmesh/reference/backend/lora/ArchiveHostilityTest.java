package io.flowmesh.reference.backend.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile adapter archives: malformed headers are refused in words that name the adapter and the
 * entry, and no mutation of a valid tar, tar.gz or zip makes anything but a refusal escape.
 */
class ArchiveHostilityTest {

    private static final String SUBJECT = "adapter 'style' (url: https://mirror.test/style.tar)";
    private static final ArchiveExtractor EXTRACTOR = new ArchiveExtractor(new ArchiveLimits(1 << 20, 4 << 20, 64));

    @TempDir
    Path dir;

    private int runs;

    private void extract(byte[] archive, ArchiveFormat format) throws Exception {
        Path file = dir.resolve("archive-" + runs);
        Path target = Files.createDirectory(dir.resolve("target-" + runs++));
        Files.write(file, archive);
        try {
            EXTRACTOR.extract(file, format, target, SUBJECT);
        } finally {
            deleteTree(target);
            Files.delete(file);
        }
    }

    @Nested
    class MalformedTarHeaders {

        @Test
        void aPaxRecordShorterThanItsLengthFieldIsRefusedNamingTheHeader() {
            // "2 " claims a two-byte record: the old reader cut a string of length -1 here.
            byte[] archive = tar(pax("2 path=x\n"), "adapter_config.json", "{}");

            assertThatThrownBy(() -> extract(archive, ArchiveFormat.TAR)).isInstanceOf(AdapterResolutionException.class)
                    .hasMessage(SUBJECT + ": not a valid tar archive: tar header 1 (at byte 0, after no entry):"
                            + " malformed pax header: record at byte 0 claims 2 bytes, and 9 remain");
        }

        @Test
        void aPaxRecordWithoutALengthIsRefused() {
            byte[] archive = tar(pax("path=x\n"), "adapter_config.json", "{}");

            assertThatThrownBy(() -> extract(archive, ArchiveFormat.TAR)).isInstanceOf(AdapterResolutionException.class)
                    .hasMessage(SUBJECT + ": not a valid tar archive: tar header 1 (at byte 0, after no entry):"
                            + " malformed pax header: record at byte 0 does not start with '<length> '");
        }

        @Test
        void aPaxRecordWithoutANewlineIsRefused() {
            byte[] archive = tar(pax("9 path=xy"), "adapter_config.json", "{}");

            assertThatThrownBy(() -> extract(archive, ArchiveFormat.TAR)).isInstanceOf(AdapterResolutionException.class)
                    .hasMessage(SUBJECT + ": not a valid tar archive: tar header 1 (at byte 0, after no entry):"
                            + " malformed pax header: record at byte 0 does not end with a newline");
        }

        @Test
        void aSizeFieldThatIsNotOctalIsRefusedNamingTheEntryBefore() throws IOException {
            byte[] archive = tar(null, "adapter_config.json", "{}", "weights.bin", "abc");
            int second = 1024;
            System.arraycopy("9x9\0".getBytes(StandardCharsets.US_ASCII), 0, archive, second + 124, 4);
            fixChecksum(archive, second);

            assertThatThrownBy(() -> extract(archive, ArchiveFormat.TAR)).isInstanceOf(AdapterResolutionException.class)
                    .hasMessage(SUBJECT + ": not a valid tar archive: tar header 2 (at byte 1024, after entry"
                            + " 'adapter_config.json'): malformed size field '9x9' (expected octal digits)");
        }

        @Test
        void aTruncatedEntryIsRefusedNamingIt() {
            byte[] whole = tar(null, "adapter_config.json", "{\"r\": 8}");
            byte[] archive = java.util.Arrays.copyOf(whole, 512 + 3);

            assertThatThrownBy(() -> extract(archive, ArchiveFormat.TAR)).isInstanceOf(AdapterResolutionException.class)
                    .hasMessage(SUBJECT + ": not a valid tar archive: entry 'adapter_config.json' is truncated: 5 bytes"
                            + " of its content are missing");
        }

        @Test
        void aNameWithANulByteIsRefusedAsUnsafe() {
            byte[] archive = tar(pax("16 path=a\0/../b\n"), "x", "{}");

            assertThatThrownBy(() -> extract(archive, ArchiveFormat.TAR)).isInstanceOf(AdapterResolutionException.class)
                    .hasMessage(SUBJECT + ": refusing archive entry 'a\\x00/../b': it would be written outside the"
                            + " adapter directory");
        }
    }

    @Nested
    class MalformedZipHeaders {

        @Test
        void aZipWithoutACentralDirectoryIsRefused() {
            assertThatThrownBy(() -> extract("PK\3\4 not really".getBytes(StandardCharsets.US_ASCII), ArchiveFormat.ZIP))
                    .isInstanceOf(AdapterResolutionException.class)
                    .hasMessage(SUBJECT + ": not a valid zip archive: no end of central directory record: not a zip"
                            + " archive, or a truncated one");
        }

        @Test
        void aCentralDirectoryBeyondTheEndIsRefused() throws Exception {
            byte[] zip = zip();
            int end = lastIndexOf(zip, new byte[] {'P', 'K', 5, 6});
            zip[end + 16] = (byte) 0xff;
            zip[end + 17] = (byte) 0xff;

            assertThatThrownBy(() -> extract(zip, ArchiveFormat.ZIP)).isInstanceOf(AdapterResolutionException.class)
                    .hasMessageStartingWith(SUBJECT + ": not a valid zip archive: the central directory (")
                    .hasMessageContaining("lies beyond the end of the");
        }
    }

    @Nested
    class Fuzzing {

        private static final int MUTATIONS = 3000;

        @Test
        @Timeout(value = 60, unit = TimeUnit.SECONDS)
        void noMutationOfATarATarGzOrAZipEscapesAsAnythingButARefusal() throws Exception {
            List<byte[]> tars = List.of(tar(pax("30 path=adapter/config.json\n"), "adapter_config.json", "{\"r\": 8}",
                    "weights.bin", "0123456789"), longNameTar());
            byte[] zip = zip();
            Random random = new Random(0x5eed_f00dL);
            List<String> escaped = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < MUTATIONS; i++) {
                int kind = random.nextInt(3);
                byte[] seed = kind == 2 ? zip : tars.get(random.nextInt(tars.size()));
                byte[] mutant = mutate(seed, random, kind != 2);
                ArchiveFormat format = kind == 0 ? ArchiveFormat.TAR : kind == 1 ? ArchiveFormat.TAR_GZ : ArchiveFormat.ZIP;
                if (format == ArchiveFormat.TAR_GZ) {
                    mutant = random.nextInt(4) == 0 ? mutate(gzip(seed), random, false) : gzip(mutant);
                }
                try {
                    extract(mutant, format);
                } catch (AdapterResolutionException e) {
                    refused++;
                    assertThat(e.getMessage()).as("mutation %d names the adapter", i).startsWith(SUBJECT + ": ");
                } catch (Throwable e) {
                    escaped.add("mutation " + i + " (" + format + "): " + e);
                }
            }
            assertThat(escaped).as("exceptions other than a refusal").isEmpty();
            assertThat(refused).as("refusals: the mutations reach the checks").isGreaterThan(MUTATIONS / 3);
            try (Stream<Path> left = Files.list(dir)) {
                assertThat(left).as("nothing written beside the targets, all deleted").isEmpty();
            }
        }

        private byte[] mutate(byte[] seed, Random random, boolean tar) {
            byte[] out = seed.clone();
            int operations = 1 + random.nextInt(4);
            for (int o = 0; o < operations && out.length > 0; o++) {
                int at = random.nextInt(out.length);
                switch (random.nextInt(7)) {
                    case 0:
                        out[at] ^= (byte) (1 << random.nextInt(8));
                        break;
                    case 1:
                        out[at] = (byte) "\0\377 0179/.\n=x".charAt(random.nextInt(12));
                        break;
                    case 2:
                        byte[] digits = (random.nextBoolean() ? "77777777777" : Long.toOctalString(random.nextLong() >>> 30))
                                .getBytes(StandardCharsets.US_ASCII);
                        System.arraycopy(digits, 0, out, at, Math.min(digits.length, out.length - at));
                        break;
                    case 3:
                        out = java.util.Arrays.copyOf(out, at);
                        break;
                    case 4:
                        for (int k = 0; k < 4 && at + k < out.length; k++) {
                            out[at + k] = (byte) (random.nextBoolean() ? 0xff : random.nextInt(256));
                        }
                        break;
                    case 5:
                        int block = (at / 512) * 512;
                        byte[] longer = new byte[out.length + 512];
                        System.arraycopy(out, 0, longer, 0, Math.min(out.length, block + 512));
                        System.arraycopy(out, block, longer, block + 512, out.length - block);
                        out = longer;
                        break;
                    default:
                        // A header field of a tar block set to an extreme value.
                        int header = (at / 512) * 512;
                        int[] fields = {124, 148, 156, 0, 157, 345};
                        int field = header + fields[random.nextInt(fields.length)];
                        if (field < out.length) {
                            out[field] = (byte) random.nextInt(256);
                        }
                }
            }
            if (tar && random.nextBoolean()) {
                // Most mutations would stop at the checksum; a fixed one lets them reach the fields behind it.
                for (int header = 0; header + 512 <= out.length; header += 512) {
                    fixChecksum(out, header);
                }
            }
            return out;
        }
    }

    private static byte[] longNameTar() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (UstarWriter tar = new UstarWriter(out)) {
            tar.raw("././@LongLink", 'L', ("adapter/" + "n".repeat(120) + "\0").getBytes(StandardCharsets.UTF_8));
            tar.file("short", "{}".getBytes(StandardCharsets.UTF_8));
            tar.directory("adapter");
            tar.file("adapter/adapter_config.json", "{}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** A tar of a pax header (when given) and name/content pairs. */
    private static byte[] tar(String paxRecords, String... namesAndContents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (UstarWriter tar = new UstarWriter(out)) {
            if (paxRecords != null) {
                tar.raw("PaxHeader/0", 'x', paxRecords.getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < namesAndContents.length; i += 2) {
                tar.file(namesAndContents[i], namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static String pax(String records) {
        return records;
    }

    private byte[] zip() throws IOException {
        Path file = AdapterWriter.tiny("meta-llama/Llama-3.2-1B", 8).writeZip(dir.resolve("seed.zip"));
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return bytes;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static void fixChecksum(byte[] archive, int header) {
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : archive[header + i] & 0xff;
        }
        byte[] field = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(field, 0, archive, header + 148, 8);
    }

    private static int lastIndexOf(byte[] bytes, byte[] pattern) {
        for (int i = bytes.length - pattern.length; i >= 0; i--) {
            if (java.util.Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("pattern not found");
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
