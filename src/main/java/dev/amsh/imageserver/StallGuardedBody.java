package dev.amsh.imageserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP response body as an InputStream whose every read waits at most the read timeout for
 * the next bytes. {@code HttpRequest.timeout} only covers the wait for the headers; without
 * this, a server that stalls mid-body would hang the command forever.
 *
 * <p>It asks the publisher for one chunk at a time, so at most one chunk is held in memory.
 */
final class StallGuardedBody extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {

    /** A read that waited too long for the server. */
    static final class StalledException extends IOException {

        StalledException(String message) {
            super(message);
        }
    }

    private static final Object END = new Object();

    private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
    private final Duration readTimeout;
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> chunk = Collections.emptyIterator();
    private ByteBuffer current = ByteBuffer.allocate(0);
    private boolean ended;
    private volatile boolean closed;

    StallGuardedBody(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (closed) {
            subscription.cancel();
        }
        else {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        signals.add(buffers);
    }

    @Override
    public void onError(Throwable failure) {
        signals.add(failure);
    }

    @Override
    public void onComplete() {
        signals.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (length == 0) {
            return 0;
        }
        while (!current.hasRemaining()) {
            if (chunk.hasNext()) {
                current = chunk.next();
            }
            else if (ended || !nextChunk()) {
                return -1;
            }
        }
        int n = Math.min(length, current.remaining());
        current.get(into, offset, n);
        return n;
    }

    /** Waits for the next chunk; false at the end of the body. */
    @SuppressWarnings("unchecked")
    private boolean nextChunk() throws IOException {
        Object signal;
        try {
            signal = signals.poll(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted");
        }
        if (signal == null) {
            close();
            throw new StalledException("no data for " + ImageServerClient.seconds(readTimeout) + " (read timeout)");
        }
        if (signal == END) {
            ended = true;
            return false;
        }
        if (signal instanceof Throwable failure) {
            throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
        }
        chunk = ((List<ByteBuffer>) signal).iterator();
        subscription.request(1);
        return true;
    }

    /** Cancels the body: the client stops receiving it and frees the connection. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
