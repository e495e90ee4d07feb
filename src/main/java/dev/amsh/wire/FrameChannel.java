package dev.amsh.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Frames over a connected (blocking) Unix domain socket. Reading checks every header before
 * taking its payload: an unknown type or a payload over {@link #MAX_PAYLOAD} is a
 * {@link MalformedFrameException}, and nothing of it is read into memory. Writers on several
 * threads send whole frames, never interleaved.
 */
public final class FrameChannel implements AutoCloseable {

    /** The protocol's version; a peer of another version is of another build, which the handshake says first. */
    public static final int PROTOCOL = 2;
    /** The most bytes a payload may have: output is sent in pieces far smaller than this. */
    public static final int MAX_PAYLOAD = 1 << 20;
    private static final int HEADER = 5;

    private final SocketChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(HEADER);
    private final Object writing = new Object();

    public FrameChannel(SocketChannel channel) {
        this.channel = channel;
    }

    public SocketChannel socket() {
        return channel;
    }

    /**
     * The next frame.
     *
     * @throws EOFException            when the peer closed the connection between frames
     * @throws MalformedFrameException when what came is not a frame
     */
    public Frame read() throws IOException {
        header.clear();
        if (!fill(header, true)) {
            throw new EOFException("the connection was closed");
        }
        header.flip();
        byte code = header.get();
        int length = header.getInt();
        FrameType type = FrameType.of(code).orElseThrow(() ->
                new MalformedFrameException("unknown frame type " + (code & 0xff)));
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new MalformedFrameException("a frame of " + Integer.toUnsignedString(length)
                    + " bytes is over the limit of " + MAX_PAYLOAD);
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        fill(payload, false);
        return new Frame(type, payload.array());
    }

    /** Reads until {@code buffer} is full; false when the peer closed before its first byte, if that is allowed. */
    private boolean fill(ByteBuffer buffer, boolean endAllowed) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (endAllowed && buffer.position() == 0) {
                    return false;
                }
                throw new MalformedFrameException("the connection closed in the middle of a frame");
            }
        }
        return true;
    }

    public void write(Frame frame) throws IOException {
        if (frame.payload().length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a frame of " + frame.payload().length + " bytes is over the limit");
        }
        ByteBuffer bytes = ByteBuffer.allocate(HEADER + frame.payload().length);
        bytes.put(frame.type().code()).putInt(frame.payload().length).put(frame.payload()).flip();
        synchronized (writing) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        }
        catch (IOException ignored) {
            // closing a socket that is already gone
        }
    }
}
