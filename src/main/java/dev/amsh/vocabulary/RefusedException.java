package dev.amsh.vocabulary;

/**
 * A request the catalog refused before changing anything, and whose refusal is already in the
 * audit log. Transactions commit on it (only the audit event was written), and the shell does
 * not audit it a second time.
 */
public class RefusedException extends CatalogException {

    public RefusedException(String message) {
        super(message);
    }
}
