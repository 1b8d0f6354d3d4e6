package io.flowmesh.reference.backend.lora;

/**
 * Bounds on what an adapter archive may hold, so that a hostile or broken archive cannot fill the disk.
 *
 * @param maxArchiveBytes the largest archive (or download) accepted
 * @param maxUnpackedBytes the most bytes all unpacked files may hold together
 * @param maxEntries the most entries an archive may hold
 */
public record ArchiveLimits(long maxArchiveBytes, long maxUnpackedBytes, int maxEntries) {

    public ArchiveLimits {
        if (maxArchiveBytes < 1 || maxUnpackedBytes < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("archive limits must be positive");
        }
    }

    /** 512 MiB archives, 2 GiB unpacked, 10 000 entries: room for real LoRA adapters. */
    public static ArchiveLimits defaults() {
        return new ArchiveLimits(512L << 20, 2L << 30, 10_000);
    }
}
