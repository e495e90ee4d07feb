package dev.amsh.imageserver;

import dev.amsh.vocabulary.FailedException;

/** The index could not be read or is not a valid index; nothing was imported. A failure: exit code 3. */
public class ImageIndexException extends FailedException {

    public ImageIndexException(String message) {
        super(message);
    }
}
