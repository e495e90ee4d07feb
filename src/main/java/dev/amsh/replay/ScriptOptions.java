package dev.amsh.replay;

/**
 * How a script runs.
 *
 * @param dryRun          change nothing: every line runs in one transaction that is always rolled back
 * @param atomic          the whole file is one transaction, committed only if every line succeeds
 * @param continueOnError run every line, even after one failed or was refused
 * @param yes             confirm every line that needs it (no prompting inside a script)
 */
public record ScriptOptions(boolean dryRun, boolean atomic, boolean continueOnError, boolean yes) {
}
