package dev.amsh.imageserver;

import dev.amsh.catalog.CatalogException;

/** The index could not be read or is not a valid index; nothing was imported. Exit code 1. */
public class ImageIndexException extends CatalogException {

    public ImageIndexException(String message) {
        super(message);
    }
}
