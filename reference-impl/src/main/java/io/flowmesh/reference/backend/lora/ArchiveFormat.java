package io.flowmesh.reference.backend.lora;

import java.util.Locale;
import java.util.Optional;

/** The archive formats an adapter may come in. */
public enum ArchiveFormat {
    /** A POSIX ustar archive (pax and GNU long names read too). */
    TAR,
    /** A gzip-compressed tar archive. */
    TAR_GZ,
    /** A zip archive. */
    ZIP;

    /** The names {@code archive_format} accepts, for messages. */
    public static final String ACCEPTED = "tar, tar.gz (or tgz, gztar), zip";

    /** The format an {@code archive_format} value names, if any. */
    public static Optional<ArchiveFormat> fromName(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "tar":
                return Optional.of(TAR);
            case "tar.gz":
            case "tgz":
            case "gztar":
                return Optional.of(TAR_GZ);
            case "zip":
                return Optional.of(ZIP);
            default:
                return Optional.empty();
        }
    }

    /** The format a file name's extension implies, if any. */
    public static Optional<ArchiveFormat> fromFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
            return Optional.of(TAR_GZ);
        }
        if (lower.endsWith(".tar")) {
            return Optional.of(TAR);
        }
        if (lower.endsWith(".zip")) {
            return Optional.of(ZIP);
        }
        return Optional.empty();
    }

    /** A file name without its archive extension ({@code my-lora.tar.gz} -> {@code my-lora}). */
    public static String stripExtension(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String extension : new String[] {".tar.gz", ".tgz", ".tar", ".zip"}) {
            if (lower.endsWith(extension)) {
                return fileName.substring(0, fileName.length() - extension.length());
            }
        }
        return fileName;
    }
}
