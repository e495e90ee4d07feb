package dev.amsh.service;

import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.Interruption;
import dev.amsh.command.Invocation;
import dev.amsh.command.LineTokenizer;
import dev.amsh.shell.completion.ShellCompleter;
import org.springframework.context.ApplicationContext;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.BooleanSupplier;

/** The service's commands: the application's own executor and completer, as the REPL uses them. */
public final class ApplicationCommands implements ServiceCommands {

    private final CommandLineExecutor executor;
    private final ShellCompleter completer;
    private final Interruption interruption;

    public ApplicationCommands(ApplicationContext context) {
        this.executor = context.getBean(CommandLineExecutor.class);
        this.completer = context.getBean(ShellCompleter.class);
        this.interruption = context.getBean(Interruption.class);
    }

    @Override
    public int run(boolean line, List<String> words, PrintWriter out, Invocation invocation,
            BooleanSupplier stopRequested) {
        return interruption.forClient(stopRequested, () -> line ? executor.execute(words.get(0), out, invocation)
                : executor.execute(words, out, invocation)).code();
    }

    @Override
    public ShellCompleter.Offer complete(String lineUpToCursor) {
        return completer.offer(LineTokenizer.tokenizePartial(lineUpToCursor));
    }
}
