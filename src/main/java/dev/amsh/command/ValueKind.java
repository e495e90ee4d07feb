package dev.amsh.command;

/** What a positional argument or option value is: decides its validation and its Tab completion. */
public enum ValueKind {
    /** An image id or name in the catalog. */
    IMAGE,
    /** A version number of the image already named on the line. */
    IMAGE_VERSION,
    /** An application name in the catalog. */
    APPLICATION,
    /** A version number of the application already named on the line. */
    APPLICATION_VERSION,
    /** A new name, not looked up. */
    NEW_NAME,
    /** A local file. */
    FILE,
    /** One of a fixed set of words. */
    CHOICE,
    /** A non-negative integer. */
    NUMBER,
    /** Free text. */
    TEXT,
    /** A command name (for help). */
    COMMAND
}
