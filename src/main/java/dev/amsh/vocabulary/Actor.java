package dev.amsh.vocabulary;

import java.util.OptionalLong;

/**
 * Who asked for a change, from where, and in what words: the part of an audit event the
 * shell knows before a command runs.
 *
 * @param user        the OS user
 * @param pid         the OS process that asked, when known: the service's client, as the kernel names it
 * @param origin      {@code interactive}, {@code one-shot}, or {@code script FILE:LINE}
 * @param commandText the command as typed, its passwords masked ({@link Secrets#redact})
 */
public record Actor(String user, OptionalLong pid, String origin, String commandText) {

    public Actor {
        commandText = Secrets.redact(commandText);
    }

    /** A command given as the process's arguments, which every local user can read (ps, /proc). */
    public static final String ONE_SHOT = "one-shot";

    public static Actor of(String origin, String commandText) {
        return new Actor(System.getProperty("user.name", "unknown"), OptionalLong.of(ProcessHandle.current().pid()),
                origin, commandText);
    }

    /** The same user and process, asking from another place in other words (a script's line). */
    public Actor saying(String origin, String commandText) {
        return new Actor(user, pid, origin, commandText);
    }

    public boolean fromProcessArguments() {
        return origin.equals(ONE_SHOT);
    }
}
