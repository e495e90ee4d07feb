package dev.amsh.command;

/**
 * What a positional argument or option value is, as far as the framework is concerned: decides
 * its help text and how the terminal completes it when no {@link ValueCompleter} is named.
 */
public enum ValueKind {
    /** Free text, or a value a {@link ValueCompleter} completes. */
    TEXT,
    /** A new name, not looked up. */
    NEW_NAME,
    /** A local file. */
    FILE,
    /** One of a fixed set of words. */
    CHOICE,
    /** A non-negative integer. */
    NUMBER,
    /** A command name (for help). */
    COMMAND
}
