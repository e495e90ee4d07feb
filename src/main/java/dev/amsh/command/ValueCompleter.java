package dev.amsh.command;

/**
 * Completes one kind of value from what the catalog holds (image names, the versions of the image
 * on the line, application names). Each feature owns the completers of its values, as beans; an
 * argument or option names its completer's class and the shell routes Tab to it.
 */
public interface ValueCompleter {

    /** More candidates than fit a screen help nobody; a completer stops here and counts the rest. */
    int MAX_CANDIDATES = 50;

    /**
     * @param line  the words before the cursor, read against the command's spec
     * @param typed the start of the value typed so far (possibly empty)
     */
    Completions complete(CommandWords line, String typed);
}
