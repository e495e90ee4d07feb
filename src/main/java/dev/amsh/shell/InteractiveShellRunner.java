package dev.amsh.shell;

import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.Invocation;
import dev.amsh.catalog.Actor;
import dev.amsh.catalog.PrivateFiles;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The REPL: JLine line editing, Tab completion from the catalog, history kept across sessions
 * in a file beside the catalog (Ctrl-R searches it). Errors are one line and the shell goes on.
 */
public class InteractiveShellRunner implements AmshShellRunner {

    static final String PROMPT = "amsh> ";

    private final CommandLineExecutor executor;
    private final Completer completer;
    private final Path historyFile;

    public InteractiveShellRunner(CommandLineExecutor executor, Completer completer, Path historyFile) {
        this.executor = executor;
        this.completer = completer;
        this.historyFile = historyFile;
    }

    @Override
    public void run(String[] args) throws IOException {
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
                    .variable(LineReader.HISTORY_FILE, historyFile)
                    .variable(LineReader.HISTORY_SIZE, 5000)
                    .variable(LineReader.HISTORY_FILE_SIZE, 5000)
                    .option(LineReader.Option.INSERT_TAB, false)
                    .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                    .option(LineReader.Option.AUTO_FRESH_LINE, true)
                    .build();
            PrintWriter out = terminal.writer();
            loop(reader, out, isTerminal(terminal));
            reader.getHistory().save();
        }
    }

    /**
     * Commands piped into the shell (JLine falls back to a dumb terminal) run as unattended ones:
     * nobody is there to answer a question, so what needs confirmation needs --yes, and no
     * progress bar is drawn.
     */
    private static boolean isTerminal(Terminal terminal) {
        return !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    }

    private void loop(LineReader reader, PrintWriter out, boolean terminal) {
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
            Invocation invocation = terminal ? Invocation.interactive(actor, out, question -> ask(reader, question))
                    : Invocation.unattended(actor, out);
            executor.execute(command, out, invocation);
            out.flush();
        }
    }

    /** A confirmation answer is not a command: keep it out of the history. */
    private static Optional<String> ask(LineReader reader, String question) {
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            return Optional.of(reader.readLine(question));
        }
        catch (UserInterruptException | EndOfFileException noAnswer) {
            return Optional.empty();
        }
        finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, false);
        }
    }

    /** A REPL session ends well however its commands did: each reported its own failure. */
    @Override
    public int exitCode() {
        return 0;
    }
}
