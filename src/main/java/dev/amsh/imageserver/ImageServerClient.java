package dev.amsh.imageserver;

import dev.amsh.catalog.FailedException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Reads indexes and content from an image server: local files, or http(s) with a connect
 * timeout, a timeout for the response headers, and a read timeout on every wait for body bytes
 * ({@link StallGuardedBody}). Every failure is one {@link FailedException} line naming the
 * location.
 */
@Component
@EnableConfigurationProperties(ImageServerProperties.class)
public class ImageServerClient {

    /** An index is a small document; anything larger is not one, and is not read into memory. */
    static final int MAX_INDEX_BYTES = 16 * 1024 * 1024;

    private final ImageServerProperties properties;
    private HttpClient http;

    public ImageServerClient(ImageServerProperties properties) {
        this.properties = properties;
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
     * the read timeout among them); {@link #failure} turns one into a message.
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
        HttpRequest request = HttpRequest.newBuilder(location.uri()).timeout(properties.readTimeout()).GET().build();
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
        try {
            response = httpClient().send(request, HttpResponse.BodyHandlers.ofPublisher());
        }
        catch (IOException e) {
            throw failure(location, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FailedException("cannot read " + location + ": interrupted");
        }
        StallGuardedBody body = new StallGuardedBody(properties.readTimeout());
        response.body().subscribe(body);
        if (response.statusCode() != 200) {
            body.close();
            throw new FailedException("cannot read " + location + ": the server answered HTTP " + response.statusCode());
        }
        return body;
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
        if (e instanceof HttpConnectTimeoutException) {
            return "the server did not accept a connection within " + seconds(properties.connectTimeout())
                    + " (connect timeout)";
        }
        if (e instanceof HttpTimeoutException) {
            return "the server did not answer within " + seconds(properties.readTimeout()) + " (read timeout)";
        }
        if (e instanceof UnknownHostException || e.getCause() instanceof UnresolvedAddressException) {
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

    /** One client for the session: it keeps connections alive between the index and content reads. */
    private synchronized HttpClient httpClient() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(properties.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return http;
    }

    /** {@code 30 s}, or {@code 500 ms} below a second. */
    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
