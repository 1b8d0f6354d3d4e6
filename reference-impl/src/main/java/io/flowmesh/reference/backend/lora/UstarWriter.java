package io.flowmesh.reference.backend.lora;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A minimal POSIX ustar writer: regular files, directories and symbolic links, mtime 0, owner 0, so
 * the same entries always give the same bytes. It writes names as given, unchecked, so tests can
 * build hostile archives too; the reading side is where safety lives.
 */
public final class UstarWriter implements Closeable {

    private static final int BLOCK = 512;

    private final OutputStream out;

    /** A writer onto this stream; {@link #close()} ends the archive and closes the stream. */
    public UstarWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Adds a directory entry. */
    public UstarWriter directory(String name) throws IOException {
        out.write(header(name.endsWith("/") ? name : name + "/", '5', 0, "", 0755));
        return this;
    }

    /** Adds a regular file. */
    public UstarWriter file(String name, byte[] content) throws IOException {
        out.write(header(name, '0', content.length, "", 0644));
        out.write(content);
        out.write(new byte[padding(content.length)]);
        return this;
    }

    /** Adds a symbolic link entry. */
    public UstarWriter symlink(String name, String target) throws IOException {
        out.write(header(name, '2', 0, target, 0777));
        return this;
    }

    /** Adds an entry of any type flag, e.g. a pax header ({@code 'x'}) or a hard link ({@code '1'}). */
    UstarWriter raw(String name, char type, byte[] content) throws IOException {
        out.write(header(name, type, content.length, "", 0644));
        out.write(content);
        out.write(new byte[padding(content.length)]);
        return this;
    }

    /** Writes the two zero blocks that end an archive and closes the stream. */
    @Override
    public void close() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.close();
    }

    static int padding(long size) {
        return (int) ((BLOCK - size % BLOCK) % BLOCK);
    }

    private static byte[] header(String name, char type, long size, String linkName, int mode) {
        byte[] header = new byte[BLOCK];
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        String prefix = "";
        if (nameBytes.length > 100) {
            int split = name.lastIndexOf('/', name.length() - 2);
            while (split > 0 && name.substring(split + 1).getBytes(StandardCharsets.UTF_8).length > 100) {
                split = name.lastIndexOf('/', split - 1);
            }
            if (split <= 0 || name.substring(0, split).getBytes(StandardCharsets.UTF_8).length > 155) {
                throw new IllegalArgumentException("name too long for ustar: " + name);
            }
            prefix = name.substring(0, split);
            nameBytes = name.substring(split + 1).getBytes(StandardCharsets.UTF_8);
        }
        put(header, 0, nameBytes, 100);
        put(header, 100, octal(mode, 8), 8);
        put(header, 108, octal(0, 8), 8);
        put(header, 116, octal(0, 8), 8);
        put(header, 124, octal(size, 12), 12);
        put(header, 136, octal(0, 12), 12);
        header[156] = (byte) type;
        put(header, 157, linkName.getBytes(StandardCharsets.UTF_8), 100);
        put(header, 257, "ustar\0".getBytes(StandardCharsets.US_ASCII), 6);
        put(header, 263, "00".getBytes(StandardCharsets.US_ASCII), 2);
        put(header, 345, prefix.getBytes(StandardCharsets.UTF_8), 155);
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        byte[] field = String.format("%06o", checksum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(field, 0, header, 148, 6);
        header[154] = 0;
        header[155] = ' ';
        return header;
    }

    /** An octal field of {@code width} bytes: digits, then a NUL. */
    private static byte[] octal(long value, int width) {
        String digits = Long.toOctalString(value);
        if (digits.length() > width - 1) {
            throw new IllegalArgumentException("value too large for a ustar field: " + value);
        }
        return ("0".repeat(width - 1 - digits.length()) + digits + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    private static void put(byte[] header, int offset, byte[] value, int width) {
        if (value.length > width) {
            throw new IllegalArgumentException("field too long for ustar: " + new String(value, StandardCharsets.UTF_8));
        }
        System.arraycopy(value, 0, header, offset, value.length);
    }
}
