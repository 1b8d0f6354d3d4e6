package io.flowmesh.reference.backend.lora;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipException;

/**
 * Finds the symbolic-link entries of a zip archive. {@link java.util.zip} does not expose the Unix
 * mode that marks a link, so this reads it from the central directory's external attributes.
 */
final class ZipSymlinks {

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int UNIX_HOST = 3;
    private static final int TYPE_MASK = 0170000;
    private static final int SYMLINK_TYPE = 0120000;
    /** Ten thousand entries with long names fit in far less; a larger directory is an attack on memory. */
    private static final long MAX_DIRECTORY_BYTES = 16 << 20;

    private ZipSymlinks() {
    }

    /** The names of the archive's entries that Unix would unpack as symbolic links. */
    static Set<String> in(Path zip) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = channel.size();
            int tailLength = (int) Math.min(size, 22 + 0xffff);
            ByteBuffer tail = read(channel, size - tailLength, tailLength);
            int end = -1;
            for (int i = tailLength - 22; i >= 0; i--) {
                if (tail.getInt(i) == END_SIGNATURE) {
                    end = i;
                    break;
                }
            }
            if (end < 0) {
                throw new ZipException("no end of central directory record: not a zip archive, or a truncated one");
            }
            int entries = Short.toUnsignedInt(tail.getShort(end + 10));
            long directorySize = Integer.toUnsignedLong(tail.getInt(end + 12));
            long directoryOffset = Integer.toUnsignedLong(tail.getInt(end + 16));
            if (directoryOffset + directorySize > size) {
                throw new ZipException("the central directory (" + directorySize + " bytes at byte " + directoryOffset
                        + ") lies beyond the end of the " + size + "-byte archive");
            }
            if (directorySize > MAX_DIRECTORY_BYTES) {
                throw new ZipException("the central directory is " + directorySize + " bytes, over the limit of "
                        + MAX_DIRECTORY_BYTES);
            }
            ByteBuffer directory = read(channel, directoryOffset, (int) directorySize);
            Set<String> links = new TreeSet<>();
            int position = 0;
            for (int entry = 0; entry < entries; entry++) {
                if (position + 46 > directory.limit() || directory.getInt(position) != CENTRAL_SIGNATURE) {
                    throw new ZipException("central directory entry " + (entry + 1) + " of " + entries + " (at byte "
                            + (directoryOffset + position) + ") is not a central directory header");
                }
                int host = Short.toUnsignedInt(directory.getShort(position + 4)) >>> 8;
                int nameLength = Short.toUnsignedInt(directory.getShort(position + 28));
                int extraLength = Short.toUnsignedInt(directory.getShort(position + 30));
                int commentLength = Short.toUnsignedInt(directory.getShort(position + 32));
                int mode = directory.getInt(position + 38) >>> 16;
                if (position + 46 + nameLength > directory.limit()) {
                    throw new ZipException("central directory entry " + (entry + 1) + " of " + entries + " (at byte "
                            + (directoryOffset + position) + ") has a name running past the directory's end");
                }
                if (host == UNIX_HOST && (mode & TYPE_MASK) == SYMLINK_TYPE) {
                    byte[] name = new byte[nameLength];
                    directory.get(position + 46, name);
                    links.add(new String(name, StandardCharsets.UTF_8));
                }
                position += 46 + nameLength + extraLength + commentLength;
            }
            return links;
        }
    }

    private static ByteBuffer read(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new ZipException("truncated zip archive");
            }
        }
        return buffer.flip();
    }
}
