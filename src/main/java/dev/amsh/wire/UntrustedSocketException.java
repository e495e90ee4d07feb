package dev.amsh.wire;

import java.io.IOException;

/** A socket or a peer that is not the operator's own: amsh does not talk to it. */
public class UntrustedSocketException extends IOException {

    public UntrustedSocketException(String message) {
        super(message);
    }
}
