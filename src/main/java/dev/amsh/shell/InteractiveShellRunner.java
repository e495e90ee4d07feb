package dev.amsh.shell;

import dev.amsh.catalog.Actor;
import dev.amsh.catalog.CancelledException;
import dev.amsh.catalog.PrivateFiles;
import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.Exit;
import dev.amsh.command.Interruption;
import dev.amsh.command.Invocation;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.springframework.shell.core.command.ExitStatus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    static final String PROMPT = "amsh> ";
    /** JLine's mask that shows nothing of what is typed. */
    static final Character NO_ECHO = (char) 0;

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
        // What was typed can be sensitive: the history is its owner's alone, and never written through a link.
        PrivateFiles.createDirectories(historyFile.getParent());
        PrivateFiles.ensurePrivateFile(historyFile);
        try (Terminal terminal = TerminalBuilder.builder().name("amsh").system(true).build()) {
            DefaultParser parser = new DefaultParser();
            parser.setEofOnUnclosedQuote(false);
            parser.setEofOnEscapedNewLine(true);
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("amsh")
                    .completer(completer)
                    .parser(parser)
                    .history(new RedactingHistory())
                    .variable(LineReader.HISTORY_FILE, historyFile)
                    .variable(LineReader.HISTORY_SIZE, 5000)
                    .variable(LineReader.HISTORY_FILE_SIZE, 5000)
                    .option(LineReader.Option.INSERT_TAB, false)
                    .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                    .option(LineReader.Option.AUTO_FRESH_LINE, true)
                    .build();
            PrintWriter out = terminal.writer();
            loop(terminal, reader, out, isTerminal(terminal));
            reader.getHistory().save();
        }
    }

    /** Lines piped in: each runs as an unattended command, as typed lines would, and the worst outcome is kept. */
    void runPiped(BufferedReader in, PrintWriter out, PrintWriter err) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.strip();
            if (command.isEmpty() || command.startsWith("#")) {
                continue;
            }
            if (command.equals("exit") || command.equals("quit")) {
                return;
            }
            worst = Exit.worst(worst, executor.execute(command, out, Invocation.unattended(
                    Actor.of("interactive", command), err)));
            out.flush();
        }
    }

    /**
     * On a dumb terminal (one that cannot edit a line, such as an editor's shell buffer) commands run
     * as unattended ones: what needs confirmation needs --yes, and no progress bar is drawn.
     */
    private static boolean isTerminal(Terminal terminal) {
        return !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    }

    private void loop(Terminal terminal, LineReader reader, PrintWriter out, boolean canAsk) {
        while (true) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            }
            catch (UserInterruptException ctrlC) {
                continue;
            }
            catch (EndOfFileException ctrlD) {
                return;
            }
            String command = line.strip();
            if (command.isEmpty()) {
                continue;
            }
            if (command.equals("exit") || command.equals("quit")) {
                return;
            }
            Actor actor = Actor.of("interactive", command);
            Invocation invocation = canAsk ? Invocation.interactive(actor, out, new Invocation.Prompter() {
                @Override
                public Optional<String> ask(String question) {
                    return InteractiveShellRunner.ask(reader, question, null);
                }

                @Override
                public Optional<String> askSecret(String question) {
                    return InteractiveShellRunner.ask(reader, question, NO_ECHO);
                }
            })
                    : Invocation.unattended(actor, out);
            runCancellably(terminal, () -> executor.execute(command, out, invocation));
            out.flush();
        }
    }

    /**
     * Runs a command with Ctrl-C asking it to stop instead of ending the process: outside of a line
     * being read, the terminal's default would let the JVM exit and close the catalog under the command.
     * The command stops at its next step (a script after its line in progress) and the prompt comes back.
     */
    private void runCancellably(Terminal terminal, Supplier<ExitStatus> command) {
        interruption.clear();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> interruption.request());
        try {
            interruption.cancellable(command);
        }
        finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
    }

    /**
     * A confirmation answer is not a command: keep it out of the history. Ctrl-C at the question
     * interrupts the command, as it would anywhere else; Ctrl-D is no answer.
     */
    private static Optional<String> ask(LineReader reader, String question, Character mask) {
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            return Optional.of(reader.readLine(question, mask));
        }
        catch (UserInterruptException ctrlC) {
            throw new CancelledException();
        }
        catch (EndOfFileException noAnswer) {
            return Optional.empty();
        }
        finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, false);
        }
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
