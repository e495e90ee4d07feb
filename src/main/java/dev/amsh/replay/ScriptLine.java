package dev.amsh.replay;

/**
 * One command of a script: its text (continuations joined) and where it starts.
 *
 * @param source the script's name as given ({@code cleanup.amsh}, or {@code -} for standard input)
 * @param number the 1-based line number where the command starts
 * @param text   the command, continuation lines joined with a space
 */
public record ScriptLine(String source, int number, String text) {

    /** {@code cleanup.amsh:12}, as the audit log and error messages name it. */
    public String location() {
        return source + ":" + number;
    }
}
