package dev.amsh.command;

import org.springframework.shell.core.command.ExitStatus;

/** amsh's exit codes (0 done, 1 failed or refused, 2 not understood) as Spring Shell exit statuses. */
public final class Exit {

    /** Everything asked was done. */
    public static final ExitStatus DONE = new ExitStatus(0, "done");
    /** A command failed. */
    public static final ExitStatus FAILED = new ExitStatus(1, "failed");
    /** A rule, a confirmation or a changed catalog refused the command; nothing changed. Exit code 1 too. */
    public static final ExitStatus REFUSED = new ExitStatus(1, "refused");
    /** The input could not be understood. */
    public static final ExitStatus USAGE = new ExitStatus(2, "usage");

    private Exit() {
    }
}
