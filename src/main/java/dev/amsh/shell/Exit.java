package dev.amsh.shell;

import org.springframework.shell.core.command.ExitStatus;

/** SPEC's exit codes as Spring Shell exit statuses. */
public final class Exit {

    /** Everything asked was done. */
    public static final ExitStatus DONE = new ExitStatus(0, "done");
    /** A command failed or was refused. */
    public static final ExitStatus FAILED = new ExitStatus(1, "failed");
    /** The input could not be understood. */
    public static final ExitStatus USAGE = new ExitStatus(2, "usage");

    private Exit() {
    }
}
