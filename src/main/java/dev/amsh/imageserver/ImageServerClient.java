package dev.amsh.imageserver;

import dev.amsh.vocabulary.FailedException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads indexes and content from an image server: local files, or http(s) with a connect
 * timeout and a read timeout that bounds every wait for the server, for the response headers
 * and for each next piece of the body ({@link HttpURLConnection#setReadTimeout}). Every failure
 * is one {@link FailedException} line naming the location.
 */
@Component
@EnableConfigurationProperties(ImageServerProperties.class)
public class ImageServerClient {

    /** An index is a small document; anything larger is not one, and is not read into memory. */
    static final int MAX_INDEX_BYTES = 16 * 1024 * 1024;

    private final ImageServerProperties properties;
    private final ImageServerCredentials credentials;

    public ImageServerClient(ImageServerProperties properties, ImageServerCredentials credentials) {
        this.properties = properties;
        this.credentials = credentials;
    }

    /** The index document as text: at most {@link #MAX_INDEX_BYTES}, strictly UTF-8. */
    public String readIndex(Location location) {
        byte[] bytes;
        try (InputStream in = open(location, location, MAX_INDEX_BYTES)) {
            bytes = readAtMost(in, MAX_INDEX_BYTES, location);
        }
        catch (IOException e) {
            throw failure(location, e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        }
        catch (CharacterCodingException e) {
            throw new ImageIndexException("index " + location + " is not valid UTF-8 text");
        }
    }

    /**
     * The content at the location, streamed. Reads from it may throw IOException (a stall past
     * the read timeout, or the whole fetch past its deadline for {@code expectedSize} bytes);
     * {@link #failure} turns one into a message. Closing it after the whole body lets the
     * connection be kept alive for the next read from the same server.
     *
     * @param index the index that named the location: a local file is read only if it is a
     *              regular file whose real path lies below the index's own directory
     */
    public InputStream open(Location location, Location index, long expectedSize) {
        Duration deadline = properties.deadline(expectedSize);
        return new DeadlineInputStream(location.isHttp() ? openHttp(location) : openFile(location, index), deadline);
    }

    /**
     * Only a regular file below the index's directory: a device, FIFO or directory would never
     * end or never start, and a link out of the tree would let the index read any file.
     */
    private InputStream openFile(Location location, Location index) {
        try {
            if (index.isHttp()) {
                throw refused(location, "an index read over http(s) may not name a local file");
            }
            Path file = location.path().toRealPath();
            Path tree = index.path().toRealPath().getParent();
            if (!file.startsWith(tree)) {
                throw refused(location, "it lies outside the index's directory " + tree + " (a symbolic link out of it)");
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw refused(location, "it is not a regular file (a directory, device or FIFO)");
            }
            return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        }
        catch (IOException e) {
            throw failure(location, e);
        }
    }

    private static FailedException refused(Location location, String why) {
        return new FailedException("refusing to read " + location + ": " + why);
    }

    private InputStream openHttp(Location location) {
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) credentials.request(location).toURL().openConnection();
        }
        catch (IOException e) {
            throw failure(location, e);
        }
        connection.setConnectTimeout(Math.toIntExact(properties.connectTimeout().toMillis()));
        connection.setReadTimeout(Math.toIntExact(properties.readTimeout().toMillis()));
        credentials.authorization(location).ifPresent(basic -> connection.setRequestProperty("Authorization", basic));
        InputStream body = null;
        try {
            connect(connection, location);
            int status = answer(connection, location);
            if (status != 200) {
                throw new FailedException("cannot read " + location + ": the server answered HTTP " + status);
            }
            body = connection.getInputStream();
            return body;
        }
        catch (IOException e) {
            throw failure(location, e);
        }
        finally {
            if (body == null) {
                connection.disconnect();
            }
        }
    }

    private void connect(HttpURLConnection connection, Location location) throws IOException {
        try {
            connection.connect();
        }
        catch (SocketTimeoutException e) {
            throw new FailedException("cannot read " + location + ": the server did not accept a connection within "
                    + seconds(properties.connectTimeout()) + " (connect timeout)");
        }
    }

    /** The status code; a timeout here is a server that never answered, not a stall mid-body. */
    private int answer(HttpURLConnection connection, Location location) throws IOException {
        try {
            return connection.getResponseCode();
        }
        catch (SocketTimeoutException e) {
            throw new FailedException("cannot read " + location + ": the server did not answer within "
                    + seconds(properties.readTimeout()) + " (read timeout)");
        }
    }

    /** One line for an I/O failure on the location: what an operator can act on, not a trace. */
    public FailedException failure(Location location, IOException e) {
        return new FailedException("cannot read " + location + ": " + reason(location, e));
    }

    private String reason(Location location, IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof SocketTimeoutException) {
            return "no data for " + seconds(properties.readTimeout()) + " (read timeout)";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + location.uri().getHost();
        }
        if (e instanceof ConnectException) {
            return "the server is unreachable (" + (e.getMessage() == null ? "connection refused" : oneLine(e)) + ")";
        }
        return oneLine(e);
    }

    /** A fetch whose whole duration is bounded, checked at every read (each bounded by the read timeout). */
    private static final class DeadlineInputStream extends FilterInputStream {

        private static final Duration LONGEST_DEADLINE = Duration.ofDays(365L * 100);

        private final Duration deadline;
        private final long endNanos;

        DeadlineInputStream(InputStream in, Duration deadline) {
            super(in);
            this.deadline = deadline;
            // A size the catalog holds from before its bound could ask for more nanoseconds than a long has.
            this.endNanos = System.nanoTime() + (deadline.compareTo(LONGEST_DEADLINE) > 0 ? LONGEST_DEADLINE : deadline).toNanos();
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            checkDeadline();
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            checkDeadline();
            return n;
        }

        private void checkDeadline() throws IOException {
            if (System.nanoTime() - endNanos > 0) {
                throw new IOException("gave up after " + seconds(deadline)
                        + " (overall deadline for the expected size; the server sends too slowly)");
            }
        }
    }

    private static String oneLine(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : message.lines().findFirst().orElse("").strip();
    }

    private static byte[] readAtMost(InputStream in, int limit, Location location) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            if (bytes.size() + n > limit) {
                throw new ImageIndexException("index " + location + " is larger than " + limit / (1024 * 1024)
                        + " MiB; that is not an index");
            }
            bytes.write(buffer, 0, n);
        }
        return bytes.toByteArray();
    }

    /** {@code 30 s}, or {@code 500 ms} below a second. */
    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
