package dev.amsh.vocabulary;

/**
 * A command that could not be carried out for a reason outside the catalog's rules and state: a
 * file that cannot be read, a server that cannot be reached or answers nonsense. Nothing changed;
 * one line; exit code 3, so a script can tell it from a refusal.
 */
public class FailedException extends RuntimeException {

    public FailedException(String message) {
        super(message);
    }
}
