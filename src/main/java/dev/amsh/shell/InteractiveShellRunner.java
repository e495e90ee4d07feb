package dev.amsh.shell;

import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.Exit;
import dev.amsh.command.Interruption;
import dev.amsh.command.Invocation;
import dev.amsh.vocabulary.Actor;
import dev.amsh.vocabulary.CancelledException;
import org.jline.reader.Completer;
import org.springframework.shell.core.command.ExitStatus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The REPL: JLine line editing, Tab completion from the catalog, history kept across sessions
 * in a file beside the catalog (Ctrl-R searches it). Errors are one line and the shell goes on.
 * Ctrl-C while a command runs stops it where it can stop cleanly and returns to the prompt.
 *
 * <p>Commands piped in (no terminal) run without prompts, output on stdout and errors on stderr,
 * and the session's exit code is its worst command's, as for {@code script -}.
 */
public class InteractiveShellRunner implements AmshShellRunner {


    private final CommandLineExecutor executor;
    private final Completer completer;
    private final Path historyFile;
    private final Interruption interruption;
    private final boolean stdinIsTerminal;
    private ExitStatus worst = Exit.DONE;

    public InteractiveShellRunner(CommandLineExecutor executor, Completer completer, Path historyFile,
            Interruption interruption, boolean stdinIsTerminal) {
        this.executor = executor;
        this.completer = completer;
        this.historyFile = historyFile;
        this.interruption = interruption;
        this.stdinIsTerminal = stdinIsTerminal;
    }

    @Override
    public void run(String[] args) throws IOException {
        if (!stdinIsTerminal) {
            runPiped(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                    new PrintWriter(System.out, true), new PrintWriter(System.err, true));
            return;
        }
        try (ReplTerminal repl = ReplTerminal.open(completer, historyFile)) {
            PrintWriter out = repl.terminal().writer();
            boolean canAsk = repl.canAsk();
            repl.loop(command -> {
                Actor actor = Actor.of("interactive", command);
                Invocation invocation = canAsk ? Invocation.interactive(actor, out, new Invocation.Prompter() {
                    @Override
                    public Optional<String> ask(String question) {
                        return repl.ask(question, false, CancelledException::new);
                    }

                    @Override
                    public Optional<String> askSecret(String question) {
                        return repl.ask(question, true, CancelledException::new);
                    }
                }) : Invocation.unattended(actor, out);
                runCancellably(() -> executor.execute(command, out, invocation));
            }, interruption::request);
        }
    }

    /** Lines piped in: each runs as an unattended command, as typed lines would, and the worst outcome is kept. */
    void runPiped(BufferedReader in, PrintWriter out, PrintWriter err) throws IOException {
        ReplTerminal.pipedCommands(in, command -> {
            worst = Exit.worst(worst, executor.execute(command, out, Invocation.unattended(
                    Actor.of("interactive", command), err)));
            out.flush();
        });
    }

    /**
     * Runs a command with Ctrl-C asking it to stop instead of ending the process: outside of a line
     * being read, the terminal's default would let the JVM exit and close the catalog under the command.
     * The command stops at its next step (a script after its line in progress) and the prompt comes back.
     */
    private void runCancellably(Supplier<ExitStatus> command) {
        interruption.clear();
        interruption.cancellable(command);
    }

    /**
     * A session at a terminal ends well however its commands did: each reported its own failure. Piped
     * commands have nobody reading along, so their worst outcome is the exit code.
     */
    @Override
    public int exitCode() {
        return worst.code();
    }
}
