package dev.amsh.wire;

/** A peer sent something that is not a frame of this protocol: the connection is closed, nothing else. */
public class MalformedFrameException extends RuntimeException {

    public MalformedFrameException(String message) {
        super(message);
    }
}
