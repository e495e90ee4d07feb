package dev.amsh.catalog;

/** The catalog cannot be opened: locked by another process, unreadable, or unreachable. */
public class CatalogUnavailableException extends RuntimeException {

    public CatalogUnavailableException(String message) {
        super(message);
    }
}
