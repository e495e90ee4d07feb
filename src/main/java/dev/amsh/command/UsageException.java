package dev.amsh.command;

/** The input could not be understood: unknown command or option, bad value. Exit code 2. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
