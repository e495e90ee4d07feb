package dev.amsh.catalog;

/** Another process held the catalog for longer than this one would wait: refused, nothing changed. */
public class CatalogBusyException extends CatalogUnavailableException {

    public CatalogBusyException(String message) {
        super(message);
    }
}
