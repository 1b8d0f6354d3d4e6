package io.flowmesh.reference.backend.lora;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal tar reader: POSIX ustar headers with their prefix field, pax extended headers
 * ({@code path}, {@code linkpath}) and GNU long names, which is what Python's {@code tarfile} and GNU
 * tar write. It reports every entry's type and leaves judging entries to its caller.
 */
final class UstarReader {

    /**
     * One entry header.
     *
     * @param name the entry's full name
     * @param type the ustar type flag ({@code '0'} file, {@code '5'} directory, {@code '1'}/{@code '2'}
     *     links, ...)
     * @param size the content size in bytes
     * @param linkName the link target for links, else empty
     */
    record Entry(String name, char type, long size, String linkName) {

        boolean regularFile() {
            return type == '0' || type == '\0' || type == '7';
        }

        boolean directory() {
            return type == '5';
        }
    }

    private static final int BLOCK = 512;

    /** Metadata entries larger than this are not pax headers or names but an attack. */
    private static final long MAX_META_SIZE = 1 << 20;

    private final InputStream in;
    private long unreadContent;
    private long unreadPadding;

    UstarReader(InputStream in) {
        this.in = in;
    }

    /** The next file, directory or link entry, or {@code null} at the end of the archive. */
    Entry next() throws IOException {
        skipRest();
        String longName = null;
        String longLink = null;
        while (true) {
            byte[] header = new byte[BLOCK];
            int read = in.readNBytes(header, 0, BLOCK);
            if (read == 0 || (read == BLOCK && allZero(header))) {
                return null;
            }
            if (read < BLOCK) {
                throw new IOException("truncated tar header");
            }
            verifyChecksum(header);
            char type = (char) header[156];
            long size = size(header);
            if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
                byte[] meta = metadata(size);
                if (type == 'x') {
                    String path = paxValue(meta, "path");
                    String linkPath = paxValue(meta, "linkpath");
                    longName = path != null ? path : longName;
                    longLink = linkPath != null ? linkPath : longLink;
                } else if (type == 'L') {
                    longName = cString(meta, 0, meta.length);
                } else if (type == 'K') {
                    longLink = cString(meta, 0, meta.length);
                }
                continue;
            }
            String name = cString(header, 0, 100);
            if ("ustar".equals(cString(header, 257, 6).trim())) {
                String prefix = cString(header, 345, 155);
                name = prefix.isEmpty() ? name : prefix + "/" + name;
            }
            unreadContent = size;
            unreadPadding = UstarWriter.padding(size);
            return new Entry(longName != null ? longName : name, type, size,
                    longLink != null ? longLink : cString(header, 157, 100));
        }
    }

    /** Copies the current entry's content to {@code out}. */
    void copyContent(OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        while (unreadContent > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, unreadContent));
            if (read < 0) {
                throw new IOException("truncated tar entry");
            }
            out.write(buffer, 0, read);
            unreadContent -= read;
        }
    }

    private void skipRest() throws IOException {
        long rest = unreadContent + unreadPadding;
        if (rest > 0) {
            in.skipNBytes(rest);
        }
        unreadContent = 0;
        unreadPadding = 0;
    }

    private byte[] metadata(long size) throws IOException {
        if (size > MAX_META_SIZE) {
            throw new IOException("tar metadata entry too large: " + size + " bytes");
        }
        byte[] meta = in.readNBytes((int) size);
        if (meta.length < size) {
            throw new IOException("truncated tar metadata entry");
        }
        in.skipNBytes(UstarWriter.padding(size));
        return meta;
    }

    private static long size(byte[] header) throws IOException {
        if ((header[124] & 0x80) != 0) {
            throw new IOException("tar entry too large (base-256 size field)");
        }
        String digits = cString(header, 124, 12).trim();
        try {
            return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw new IOException("malformed tar size field: " + digits);
        }
    }

    private static void verifyChecksum(byte[] header) throws IOException {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xff;
        }
        String stored = cString(header, 148, 8).trim();
        try {
            if (stored.isEmpty() || Long.parseLong(stored, 8) != sum) {
                throw new IOException("not a tar archive (header checksum mismatch)");
            }
        } catch (NumberFormatException e) {
            throw new IOException("not a tar archive (malformed header checksum)");
        }
    }

    /** A pax record value: records are {@code "<length> <key>=<value>\n"}. */
    private static String paxValue(byte[] meta, String key) throws IOException {
        int position = 0;
        while (position < meta.length) {
            int space = position;
            while (space < meta.length && meta[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(meta, position, space - position, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException("malformed pax header");
            }
            if (length <= space - position || position + length > meta.length) {
                throw new IOException("malformed pax header");
            }
            String record = new String(meta, space + 1, position + length - space - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals > 0 && record.substring(0, equals).equals(key)) {
                return record.substring(equals + 1);
            }
            position += length;
        }
        return null;
    }

    private static String cString(byte[] bytes, int offset, int width) {
        int end = offset;
        while (end < offset + width && end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
