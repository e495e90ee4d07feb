package dev.amsh.command;

/** Whether a command only reads the catalog or changes (or tries to change) it, and so is audited. */
public enum CatalogAccess {
    READS,
    CHANGES
}
