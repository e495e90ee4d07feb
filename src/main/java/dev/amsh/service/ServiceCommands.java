package dev.amsh.service;

import dev.amsh.command.Invocation;
import dev.amsh.shell.completion.ShellCompleter;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.BooleanSupplier;

/** What the service asks of the application: run a command, complete a line. */
public interface ServiceCommands {

    /**
     * Runs one command to its end and returns its exit code; {@code stopRequested} is its client's Ctrl-C.
     *
     * @param line    the line as typed (REPL, piped lines), else {@code words} as the OS split them
     * @param commits told before and after each commit of a change the command makes
     */
    int run(boolean line, List<String> words, PrintWriter out, Invocation invocation,
            BooleanSupplier stopRequested, CommitNotices commits);

    /** What Tab offers at the end of {@code lineUpToCursor}. */
    ShellCompleter.Offer complete(String lineUpToCursor);

    /**
     * The service listens: the commands may tell it of work done outside commands (a page served), and
     * answer {@code serve --status} and {@code serve --stop} typed at a REPL, a client of it.
     */
    default void servedBy(CatalogService service) {
    }

    /** Lines for {@code serve --status} about what the commands keep open. */
    default List<String> status() {
        return List.of();
    }
}
