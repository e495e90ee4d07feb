package dev.amsh.vocabulary;

/** A value that can never be valid (a malformed name, a negative size). One line; exit code 2. */
public class InvalidValueException extends CatalogException {

    public InvalidValueException(String message) {
        super(message);
    }
}
