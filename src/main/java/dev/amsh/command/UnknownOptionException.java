package dev.amsh.command;

import java.util.Optional;

/**
 * An option the command does not take, with the closest one it does take, if any is close:
 * words read outside the shell ({@code serve}, {@code dashboard}) say it with their usage.
 */
public final class UnknownOptionException extends UsageException {

    private final String option;
    private final Optional<String> closest;

    UnknownOptionException(String message, String option, Optional<String> closest) {
        super(message);
        this.option = option;
        this.closest = closest;
    }

    /** The option as typed, without its value ({@code --catlog}). */
    public String option() {
        return option;
    }

    /** The long name of the option probably meant ({@code catalog}). */
    public Optional<String> closest() {
        return closest;
    }
}
