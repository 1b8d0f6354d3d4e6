package io.flowmesh.reference.backend.lora;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks an adapter archive into an empty directory, refusing anything that could write outside it:
 * absolute names, {@code ..} segments, backslashes, links and special files; and anything beyond the
 * {@link ArchiveLimits}. Nothing is written for an entry before it passes these checks.
 */
final class ArchiveExtractor {

    private final ArchiveLimits limits;

    ArchiveExtractor(ArchiveLimits limits) {
        this.limits = limits;
    }

    /**
     * Unpacks {@code archive} into {@code target}, which must exist and be empty.
     *
     * @throws AdapterResolutionException for an unsafe, oversized or malformed archive
     */
    void extract(Path archive, ArchiveFormat format, Path target, String subject) throws AdapterResolutionException {
        try {
            long size = Files.size(archive);
            if (size > limits.maxArchiveBytes()) {
                throw new AdapterResolutionException(subject + ": archive is " + size + " bytes, over the limit of "
                        + limits.maxArchiveBytes());
            }
            if (format == ArchiveFormat.ZIP) {
                extractZip(archive, target, subject);
            } else {
                extractTar(archive, format == ArchiveFormat.TAR_GZ, target, subject);
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new AdapterResolutionException(subject + ": not a valid " + formatName(format) + " archive: "
                    + e.getMessage());
        } catch (UstarReader.MalformedTarException e) {
            throw new AdapterResolutionException(subject + ": not a valid " + formatName(format) + " archive: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new AdapterResolutionException(subject + ": cannot unpack: " + e.getMessage());
        }
    }

    private static String formatName(ArchiveFormat format) {
        return format.name().toLowerCase(Locale.ROOT).replace('_', '.');
    }


    private void extractTar(Path archive, boolean gzip, Path target, String subject)
            throws IOException, AdapterResolutionException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
             InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
            UstarReader reader = new UstarReader(in);
            Budget budget = new Budget(subject);
            for (UstarReader.Entry entry = reader.next(); entry != null; entry = reader.next()) {
                budget.entry();
                if (!entry.regularFile() && !entry.directory()) {
                    throw new AdapterResolutionException(subject + ": refusing tar entry '" + entry.name() + "': "
                            + describeType(entry.type()) + " entries are not allowed in an adapter archive");
                }
                Path destination = safeDestination(target, entry.name(), subject);
                if (entry.directory()) {
                    directories(destination, entry.name(), subject);
                    continue;
                }
                budget.bytes(entry.size());
                directories(destination.getParent(), entry.name(), subject);
                try (OutputStream out = create(destination, entry.name(), subject)) {
                    reader.copyContent(out);
                }
            }
        }
    }


    private void extractZip(Path archive, Path target, String subject) throws IOException, AdapterResolutionException {
        try {
            unzip(archive, target, subject);
        } catch (RuntimeException e) {
            // The JDK's zip reader is not written for hostile input: whatever it throws on a malformed
            // archive is this archive's refusal, never an escape from the executor.
            throw new ZipException(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private void unzip(Path archive, Path target, String subject) throws IOException, AdapterResolutionException {
        Set<String> links = ZipSymlinks.in(archive);
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Budget budget = new Budget(subject);
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                budget.entry();
                if (links.contains(entry.getName())) {
                    throw new AdapterResolutionException(subject + ": refusing zip entry '" + entry.getName()
                            + "': symbolic links are not allowed in an adapter archive");
                }
                Path destination = safeDestination(target, entry.getName(), subject);
                if (entry.isDirectory()) {
                    directories(destination, entry.getName(), subject);
                    continue;
                }
                directories(destination.getParent(), entry.getName(), subject);
                try (InputStream in = zip.getInputStream(entry);
                     OutputStream out = create(destination, entry.getName(), subject)) {
                    byte[] buffer = new byte[8192];
                    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                        // Counted as read, not as declared: a zip's declared sizes may lie.
                        budget.bytes(read);
                        out.write(buffer, 0, read);
                    }
                }
            }
        }
    }

    private static void directories(Path directory, String name, String subject) throws AdapterResolutionException {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            // Typically a file entry and a folder entry of the same name.
            throw new AdapterResolutionException(subject + ": cannot unpack entry '" + shown(name)
                    + "': its folder cannot be created (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static OutputStream create(Path destination, String name, String subject)
            throws IOException, AdapterResolutionException {
        try {
            return Files.newOutputStream(destination, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new AdapterResolutionException(subject + ": archive holds '" + shown(name) + "' twice");
        } catch (IOException e) {
            throw new AdapterResolutionException(subject + ": cannot unpack entry '" + shown(name) + "': " + e.getMessage());
        }
    }

    /** Where an entry goes, or a refusal when its name could reach outside the target. */
    static Path safeDestination(Path target, String name, String subject) throws AdapterResolutionException {
        String trimmed = name;
        while (trimmed.startsWith("./")) {
            trimmed = trimmed.substring(2);
        }
        boolean unsafe = trimmed.isEmpty() && !name.startsWith("./")
                || trimmed.startsWith("/") || trimmed.contains("\\") || trimmed.contains("\0")
                || (trimmed.length() > 1 && trimmed.charAt(1) == ':');
        for (String segment : trimmed.split("/")) {
            unsafe |= segment.equals("..");
        }
        if (unsafe) {
            throw new AdapterResolutionException(subject + ": refusing archive entry '" + shown(name)
                    + "': it would be written outside the adapter directory");
        }
        Path destination;
        try {
            destination = target.resolve(trimmed).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new AdapterResolutionException(subject + ": refusing archive entry '" + shown(name)
                    + "': not a valid file name (" + e.getReason() + ")");
        }
        if (!destination.startsWith(target)) {
            throw new AdapterResolutionException(subject + ": refusing archive entry '" + shown(name)
                    + "': it would be written outside the adapter directory");
        }
        return destination;
    }

    /** An entry name as a message may quote it: control characters escaped, long names cut. */
    private static String shown(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f ? String.format(Locale.ROOT, "\\x%02x", (int) c) : String.valueOf(c));
            if (out.length() > 200) {
                return out + "...";
            }
        }
        return out.toString();
    }

    private static String describeType(char type) {
        switch (type) {
            case '1':
                return "hard link";
            case '2':
                return "symbolic link";
            case '3':
            case '4':
                return "device";
            case '6':
                return "fifo";
            default:
                return "type '" + type + "'";
        }
    }

    /** Counts entries and unpacked bytes against the limits as unpacking goes. */
    private final class Budget {

        private final String subject;
        private int entries;
        private long bytes;

        Budget(String subject) {
            this.subject = subject;
        }

        void entry() throws AdapterResolutionException {
            if (++entries > limits.maxEntries()) {
                throw new AdapterResolutionException(subject + ": archive holds more than " + limits.maxEntries()
                        + " entries");
            }
        }

        void bytes(long more) throws AdapterResolutionException {
            bytes += more;
            if (bytes > limits.maxUnpackedBytes()) {
                throw new AdapterResolutionException(subject + ": archive unpacks to more than "
                        + limits.maxUnpackedBytes() + " bytes");
            }
        }
    }
}
