package dev.amsh.vocabulary;

/** The operator stopped the running command (Ctrl-C) between two of its steps, or at its question. */
public class CancelledException extends RuntimeException {

    public CancelledException() {
        super("interrupted (Ctrl-C); nothing of the unfinished work was kept");
    }
}
