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

    /** The archive is not a well-formed tar: the message says which header or entry, and where. */
    static final class MalformedTarException extends IOException {

        private static final long serialVersionUID = 1L;

        MalformedTarException(String message) {
            super(message);
        }
    }

    private static final int BLOCK = 512;

    /** Metadata entries larger than this are not pax headers or names but an attack. */
    private static final long MAX_META_SIZE = 1 << 20;

    private final InputStream in;
    private long unreadContent;
    private long unreadPadding;
    /** Bytes of the archive consumed so far, and headers read: where a malformed header is. */
    private long offset;
    private int headers;
    private String lastName;

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
            long at = offset;
            offset += read;
            if (read == 0 || (read == BLOCK && allZero(header))) {
                return null;
            }
            headers++;
            String where = "tar header " + headers + " (at byte " + at + ", after "
                    + (lastName == null ? "no entry" : "entry '" + lastName + "'") + ")";
            if (read < BLOCK) {
                throw new MalformedTarException(where + ": truncated (" + read + " of " + BLOCK + " bytes)");
            }
            verifyChecksum(header, where);
            char type = (char) header[156];
            long size = size(header, where);
            if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
                byte[] meta = metadata(size, where);
                if (type == 'x') {
                    String path = paxValue(meta, "path", where);
                    String linkPath = paxValue(meta, "linkpath", where);
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
            lastName = longName != null ? longName : name;
            return new Entry(lastName, type, size, longLink != null ? longLink : cString(header, 157, 100));
        }
    }

    /** Copies the current entry's content to {@code out}. */
    void copyContent(OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        while (unreadContent > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, unreadContent));
            if (read < 0) {
                throw new MalformedTarException("entry '" + lastName + "' is truncated: " + unreadContent
                        + " bytes of its content are missing");
            }
            out.write(buffer, 0, read);
            unreadContent -= read;
            offset += read;
        }
    }

    private void skipRest() throws IOException {
        long rest = unreadContent + unreadPadding;
        if (rest > 0) {
            try {
                in.skipNBytes(rest);
            } catch (java.io.EOFException e) {
                throw new MalformedTarException("entry '" + lastName + "' is truncated: the archive ends inside it");
            }
            offset += rest;
        }
        unreadContent = 0;
        unreadPadding = 0;
    }

    private byte[] metadata(long size, String where) throws IOException {
        if (size > MAX_META_SIZE) {
            throw new MalformedTarException(where + ": a metadata entry of " + size + " bytes, over the limit of "
                    + MAX_META_SIZE);
        }
        byte[] meta = in.readNBytes((int) size);
        offset += meta.length;
        if (meta.length < size) {
            throw new MalformedTarException(where + ": truncated metadata entry (" + meta.length + " of " + size + " bytes)");
        }
        try {
            in.skipNBytes(UstarWriter.padding(size));
        } catch (java.io.EOFException e) {
            throw new MalformedTarException(where + ": truncated metadata entry (its padding is missing)");
        }
        offset += UstarWriter.padding(size);
        return meta;
    }

    private static long size(byte[] header, String where) throws IOException {
        if ((header[124] & 0x80) != 0) {
            throw new MalformedTarException(where + ": entry too large (base-256 size field)");
        }
        String digits = cString(header, 124, 12).trim();
        try {
            return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw new MalformedTarException(where + ": malformed size field '" + printable(digits) + "' (expected octal digits)");
        }
    }

    private static void verifyChecksum(byte[] header, String where) throws IOException {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xff;
        }
        String stored = cString(header, 148, 8).trim();
        try {
            if (stored.isEmpty() || Long.parseLong(stored, 8) != sum) {
                throw new MalformedTarException(where + ": not a tar header (checksum mismatch)");
            }
        } catch (NumberFormatException e) {
            throw new MalformedTarException(where + ": not a tar header (malformed checksum field)");
        }
    }

    /**
     * A pax record value: records are {@code "<length> <key>=<value>\n"}, the length counting the
     * whole record. Any record that does not fit this shape refuses the archive.
     */
    private static String paxValue(byte[] meta, String key, String where) throws IOException {
        String found = null;
        int position = 0;
        while (position < meta.length) {
            int space = position;
            while (space < meta.length && space - position <= 9 && meta[space] >= '0' && meta[space] <= '9') {
                space++;
            }
            int digits = space - position;
            if (digits == 0 || digits > 9 || space >= meta.length || meta[space] != ' ') {
                throw new MalformedTarException(where + ": malformed pax header: record at byte " + position
                        + " does not start with '<length> '");
            }
            int length = Integer.parseInt(new String(meta, position, digits, StandardCharsets.US_ASCII));
            int end = position + length;
            // The shortest record is "<length> k=\n": the digits, a space, a key, '=' and a newline.
            if (length < digits + 4 || end > meta.length || end < position) {
                throw new MalformedTarException(where + ": malformed pax header: record at byte " + position + " claims "
                        + length + " bytes, and " + (meta.length - position) + " remain");
            }
            if (meta[end - 1] != '\n') {
                throw new MalformedTarException(where + ": malformed pax header: record at byte " + position
                        + " does not end with a newline");
            }
            String record = new String(meta, space + 1, end - space - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals <= 0) {
                throw new MalformedTarException(where + ": malformed pax header: record at byte " + position + " has no key=value");
            }
            if (record.substring(0, equals).equals(key)) {
                found = record.substring(equals + 1);
            }
            position = end;
        }
        return found;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return out.toString();
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
