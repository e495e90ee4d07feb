package dev.amsh.wire;

import java.nio.charset.StandardCharsets;

/**
 * One frame of the service protocol: a type and its payload. On the wire a frame is one byte of
 * type, four bytes of payload length (big-endian) and the payload; see {@link FrameType} for the
 * types and what their payloads hold.
 *
 * @param type    what the frame says
 * @param payload its bytes, at most {@link FrameChannel#MAX_PAYLOAD}
 */
public record Frame(FrameType type, byte[] payload) {

    public static Frame of(FrameType type) {
        return new Frame(type, new byte[0]);
    }

    public static Frame of(FrameType type, Payload payload) {
        return new Frame(type, payload.bytes());
    }

    /** A frame whose payload is text, as UTF-8. */
    public static Frame text(FrameType type, String text) {
        return new Frame(type, text.getBytes(StandardCharsets.UTF_8));
    }

    public Payload.Reader read() {
        return new Payload.Reader(payload);
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
