package io.flowmesh.conformance.classification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

import org.apiguardian.api.API;

/**
 * Reads the kit's own input files (classification, deviations, templates) as strict UTF-8 with a
 * size bound, and words every way that can fail: not found, a folder, not a regular file, not
 * readable, too large, or not UTF-8 (with the line and column of the first bad byte).
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class InputFiles {

    private InputFiles() {
    }

    /** A kit input file that cannot be used; the message names the file and what is wrong. */
    public static final class UnreadableException extends Exception {

        private static final long serialVersionUID = 1L;

        UnreadableException(String message) {
            super(message);
        }
    }

    /**
     * Reads the file.
     *
     * @param what what the file is, for messages ("the classification")
     * @param maxBytes the most the file may hold
     */
    public static String read(Path file, String what, int maxBytes) throws UnreadableException {
        if (Files.isDirectory(file)) {
            throw new UnreadableException(file + ": is a folder, not " + what + " file");
        }
        if (!Files.exists(file)) {
            throw new UnreadableException(file + ": " + what + " file is not found");
        }
        if (!Files.isRegularFile(file)) {
            // A fifo or a device would block or never end.
            throw new UnreadableException(file + ": not a regular file, so not " + what + " file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (NoSuchFileException e) {
            throw new UnreadableException(file + ": " + what + " file is not found");
        } catch (AccessDeniedException e) {
            throw new UnreadableException(file + ": cannot read " + what + ": permission denied");
        } catch (IOException e) {
            throw new UnreadableException(file + ": cannot read " + what + ": " + e.getMessage());
        }
        if (bytes.length > maxBytes) {
            throw new UnreadableException(file + ": larger than " + maxBytes + " bytes, the most " + what
                    + " file may hold");
        }
        return decode(bytes, file.toString());
    }

    /**
     * Decodes UTF-8 strictly.
     *
     * @param source the file, for the message
     * @throws UnreadableException naming the line and column of the first byte that is not UTF-8
     */
    public static String decode(byte[] bytes, String source) throws UnreadableException {
        try {
            return strict().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            strict().decode(in, CharBuffer.allocate(bytes.length + 1), true);
            int bad = Math.min(in.position(), bytes.length - 1);
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8).length() + 1;
            throw new UnreadableException(source + ":" + line + ":" + column + ": not UTF-8 text (byte 0x"
                    + String.format(Locale.ROOT, "%02x", bytes[bad] & 0xff) + " at offset " + bad
                    + "); save the file as UTF-8");
        }
    }

    private static CharsetDecoder strict() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
