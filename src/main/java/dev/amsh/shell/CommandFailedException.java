package dev.amsh.shell;

/** A command could not do what was asked (not found, refused, I/O). Exit code 1; one line, no trace. */
public class CommandFailedException extends RuntimeException {

    public CommandFailedException(String message) {
        super(message);
    }

    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
