package dev.amsh.vocabulary;

/** A catalog operation the catalog's state does not allow (not found, conflict, changed meanwhile). One line; exit code 1. */
public class CatalogException extends RuntimeException {

    public CatalogException(String message) {
        super(message);
    }
}
