package dev.amsh.shell;

import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.Exit;
import dev.amsh.command.Interruption;
import dev.amsh.command.Invocation;
import dev.amsh.vocabulary.Actor;
import org.jline.utils.Signals;

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
    private final Interruption interruption;
    private int exitCode;

    public OneShotShellRunner(CommandLineExecutor executor, Interruption interruption) {
        this.executor = executor;
        this.interruption = interruption;
    }

    @Override
    public void run(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        List<String> words = List.of(args);
        Actor actor = Actor.of("one-shot", String.join(" ", words));
        Console console = System.console();
        Invocation invocation = console == null ? Invocation.unattended(actor, err)
                : Invocation.interactive(actor, err, new Invocation.Prompter() {
                    @Override
                    public Optional<String> ask(String question) {
                        return Optional.ofNullable(console.readLine("%s", question));
                    }

                    @Override
                    public Optional<String> askSecret(String question) {
                        return Optional.ofNullable(console.readPassword("%s", question)).map(String::new);
                    }
                });
        Object previous = Signals.register("INT", this::interrupted);
        try {
            exitCode = executor.execute(words, out, invocation).code();
        }
        finally {
            Signals.unregister("INT", previous);
        }
        out.flush();
    }

    /**
     * SIGINT, handled in process rather than by the JVM's default: that default runs the shutdown hooks,
     * which close the catalog under the running command, and the command then dies with an internal
     * error. A script stops after its line in progress and reports where; work that does not stop in
     * steps ends at once with the interrupted code, and whatever transaction it had open never
     * commits (the database rolls it back when it is next opened).
     */
    private void interrupted() {
        if (!interruption.request()) {
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(Exit.INTERRUPTED.code());
        }
    }

    @Override
    public int exitCode() {
        return exitCode;
    }
}
