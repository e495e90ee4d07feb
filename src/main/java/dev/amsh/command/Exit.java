package dev.amsh.command;

import org.springframework.shell.core.command.ExitStatus;

/** amsh's exit codes (0 done, 1 refused, 2 not understood, 3 failed, 130 interrupted) as Spring Shell exit statuses. */
public final class Exit {

    /** Everything asked was done. */
    public static final ExitStatus DONE = new ExitStatus(0, "done");
    /** A rule, a confirmation or the catalog's state (no such name, a name taken, changed meanwhile) refused the command; nothing changed. */
    public static final ExitStatus REFUSED = new ExitStatus(1, "refused");
    /** The input could not be understood. */
    public static final ExitStatus USAGE = new ExitStatus(2, "usage");
    /** The command failed: database, I/O, network or internal error. Its own code, so scripts can tell it from a refusal. */
    public static final ExitStatus FAILED = new ExitStatus(3, "failed");
    /** The operator pressed Ctrl-C: the run stopped after the step in progress. */
    public static final ExitStatus INTERRUPTED = new ExitStatus(130, "interrupted");

    /** The codes in one line, for {@code help}. */
    public static final String SUMMARY = "Exit codes: 0 done, 1 refused, 2 input not understood, 3 failed"
            + " (database, I/O, network, internal), 130 interrupted.";

    /** Of several outcomes (a script's lines), the one that decides: interrupted over failed over usage over refused over done. */
    public static ExitStatus worst(ExitStatus one, ExitStatus other) {
        // The codes are numbered in that order.
        return other.code() > one.code() ? other : one;
    }

    private Exit() {
    }
}
