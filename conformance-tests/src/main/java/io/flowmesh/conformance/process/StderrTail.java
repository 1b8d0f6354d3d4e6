package io.flowmesh.conformance.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The last bytes a process wrote to stderr, in a ring of fixed size: a process may write without end,
 * and only the end is quoted when it breaks the protocol. Nothing goes to disk.
 */
final class StderrTail {

    private final byte[] ring;
    private long written;

    StderrTail(int bytes) {
        this.ring = new byte[bytes];
    }

    /** Reads the stream to its end, keeping its tail. */
    void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (InputStream stream = in) {
            for (int read = stream.read(buffer); read >= 0; read = stream.read(buffer)) {
                append(buffer, read);
            }
        } catch (IOException e) {
            // The process is gone; what was read is the tail.
        }
    }

    private synchronized void append(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            ring[(int) (written++ % ring.length)] = bytes[i];
        }
    }

    /** At most the last {@code characters} characters, stripped, with line breaks as spaces. */
    synchronized String tail(int characters) {
        int kept = (int) Math.min(written, ring.length);
        byte[] ordered = new byte[kept];
        long start = written - kept;
        for (int i = 0; i < kept; i++) {
            ordered[i] = ring[(int) ((start + i) % ring.length)];
        }
        String text = new String(ordered, StandardCharsets.UTF_8).strip();
        text = text.substring(Math.max(0, text.length() - characters));
        return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
