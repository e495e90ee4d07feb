package dev.amsh.shell;

import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.Invocation;
import dev.amsh.catalog.Actor;

import java.io.Console;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * {@code amsh image list}: runs one command and keeps its exit code. Output goes to stdout,
 * errors to stderr; a question can be asked only when both ends are a terminal.
 */
public class OneShotShellRunner implements AmshShellRunner {

    private final CommandLineExecutor executor;
    private int exitCode;

    public OneShotShellRunner(CommandLineExecutor executor) {
        this.executor = executor;
    }

    @Override
    public void run(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        List<String> words = List.of(args);
        Actor actor = Actor.of("one-shot", String.join(" ", words));
        Console console = System.console();
        Invocation invocation = console == null ? Invocation.unattended(actor, err)
                : Invocation.interactive(actor, err, question -> Optional.ofNullable(console.readLine("%s", question)));
        exitCode = executor.execute(words, out, invocation).code();
        out.flush();
    }

    @Override
    public int exitCode() {
        return exitCode;
    }
}
