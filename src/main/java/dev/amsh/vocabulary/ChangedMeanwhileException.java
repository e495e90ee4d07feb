package dev.amsh.vocabulary;

/**
 * The catalog no longer matches what the command was about (another session changed it since
 * it was read or shown): nothing was changed, and running it again decides afresh.
 */
public class ChangedMeanwhileException extends CatalogException {

    public ChangedMeanwhileException(String message) {
        super(message);
    }
}
