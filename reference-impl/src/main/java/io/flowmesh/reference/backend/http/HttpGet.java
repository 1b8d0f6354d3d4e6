package io.flowmesh.reference.backend.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One HTTP GET, made on the caller's thread ({@link HttpURLConnection}, whose keep-alive cache reuses a
 * connection to the same server): what the reference's downloads from a hub and from adapter URLs need.
 *
 * <p>Not {@code java.net.http}: its client hands every exchange between the caller, a selector thread and
 * an executor, which on this project's 2-core machine cost 3.4 to 3.9 ms a request in a fresh JVM against
 * 1.3 ms here (130 requests to a loopback server, three runs each), and 0.43 against 0.18 ms warm. An
 * audit's contract cases make about a hundred such requests.
 *
 * <p>Redirects are followed within the scheme ({@code http} to {@code http}, {@code https} to
 * {@code https}), never from one to the other. A request says {@code Accept: *}{@code /*} unless its
 * headers name another. A header the JDK reserves for itself ({@link #RESERVED_HEADERS}) is refused,
 * never dropped without a word.
 */
public final class HttpGet {

    /** Header names the connection sets itself, lower case; a request may not name them. */
    public static final Set<String> RESERVED_HEADERS = Set.of("access-control-request-headers",
            "access-control-request-method", "connection", "content-length", "content-transfer-encoding", "host",
            "keep-alive", "origin", "trailer", "transfer-encoding", "upgrade", "via");

    private HttpGet() {
    }

    /**
     * An answer: its status, its headers and its body, which the caller reads and closes.
     *
     * @param status the HTTP status code
     * @param connection the connection the answer came on, for its headers
     * @param body the body, of any status (an error status's body too); empty when there is none
     */
    public record Answer(int status, HttpURLConnection connection, InputStream body) implements Closeable {

        /** The first value of a header, its name in any case. */
        public Optional<String> header(String name) {
            return Optional.ofNullable(connection.getHeaderField(name));
        }

        /** Closes the body; a body read to its end leaves the connection to the next request. */
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /**
     * Sends a GET and waits for the answer's status and headers.
     *
     * @param uri an absolute {@code http(s)} address
     * @param headers request headers, none of them {@linkplain #RESERVED_HEADERS reserved}
     * @param connectTimeout the longest wait to connect
     * @param readTimeout the longest wait for each read once connected, the status line's included
     * @throws IOException when the server cannot be reached or breaks off; a
     *         {@link java.net.SocketTimeoutException} when it does not answer in time
     * @throws IllegalArgumentException when a header is reserved, or the address is not {@code http(s)}
     */
    public static Answer send(URI uri, Map<String, String> headers, Duration connectTimeout, Duration readTimeout)
            throws IOException {
        Objects.requireNonNull(uri, "uri");
        Set<String> reserved = new TreeSet<>();
        headers.keySet().forEach(name -> {
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                reserved.add(name);
            }
        });
        if (!reserved.isEmpty()) {
            throw new IllegalArgumentException((reserved.size() == 1 ? "header " : "headers ") + String.join(", ", reserved)
                    + (reserved.size() == 1 ? " is" : " are") + " set by the connection itself");
        }
        URLConnection opened = uri.toURL().openConnection();
        if (!(opened instanceof HttpURLConnection connection)) {
            throw new IllegalArgumentException("not an http(s) address: " + uri.getScheme());
        }
        connection.setConnectTimeout(millis(connectTimeout));
        connection.setReadTimeout(millis(readTimeout));
        connection.setInstanceFollowRedirects(true);
        // What curl and Python's requests send, rather than the JDK's browser-like default list.
        connection.setRequestProperty("Accept", "*/*");
        headers.forEach(connection::setRequestProperty);
        int status;
        try {
            status = connection.getResponseCode();
        } catch (IOException e) {
            connection.disconnect();
            throw e;
        }
        InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        return new Answer(status, connection, body == null ? InputStream.nullInputStream() : body);
    }

    /** A timeout in the connection's milliseconds, where 0 would mean none. */
    private static int millis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }
}
