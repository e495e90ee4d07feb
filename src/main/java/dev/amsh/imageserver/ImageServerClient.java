package dev.amsh.imageserver;

import dev.amsh.catalog.FailedException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
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
import java.nio.file.NoSuchFileException;
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
        try (InputStream in = open(location)) {
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
     * the read timeout among them); {@link #failure} turns one into a message. Closing it after
     * the whole body lets the connection be kept alive for the next read from the same server.
     */
    public InputStream open(Location location) {
        if (!location.isHttp()) {
            try {
                return Files.newInputStream(location.path());
            }
            catch (IOException e) {
                throw failure(location, e);
            }
        }
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) location.uri().toURL().openConnection();
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
