package dev.amsh.shell;

import dev.amsh.catalog.PrivateFiles;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The REPL's terminal, the same for the client's REPL and one run in a single process: JLine's
 * line editing with the completer given, history kept in a private file (Ctrl-R searches it,
 * passwords masked), the prompt loop, and questions kept out of the history. Nothing here loads
 * Spring.
 */
public final class ReplTerminal implements AutoCloseable {

    public static final String PROMPT = "amsh> ";
    /** JLine's mask that shows nothing of what is typed. */
    private static final Character NO_ECHO = (char) 0;

    private final Terminal terminal;
    private final LineReader reader;

    private ReplTerminal(Terminal terminal, LineReader reader) {
        this.terminal = terminal;
        this.reader = reader;
    }

    /** The system terminal, with the history in {@code historyFile}: its owner's alone, never written through a link. */
    public static ReplTerminal open(Completer completer, Path historyFile) throws IOException {
        PrivateFiles.createDirectories(historyFile.getParent());
        PrivateFiles.ensurePrivateFile(historyFile);
        Terminal terminal = TerminalBuilder.builder().name("amsh").system(true).build();
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
        return new ReplTerminal(terminal, reader);
    }

    public Terminal terminal() {
        return terminal;
    }

    /**
     * Whether questions can be asked and bars drawn: not on a dumb terminal (one that cannot edit a
     * line, such as an editor's shell buffer), where commands run as unattended ones.
     */
    public boolean canAsk() {
        return !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    }

    /**
     * Reads lines until Ctrl-D, {@code exit} or {@code quit}, and runs each with Ctrl-C calling
     * {@code onCtrlC} instead of ending the process. Ctrl-C at the prompt only clears the line.
     */
    public void loop(Consumer<String> run, Runnable onCtrlC) {
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
            Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> onCtrlC.run());
            try {
                run.accept(command);
            }
            finally {
                terminal.handle(Terminal.Signal.INT, previous);
            }
            terminal.writer().flush();
        }
    }

    /**
     * A question: its answer is not a command, so it stays out of the history; a secret is not
     * shown as it is typed. Ctrl-D is no answer; Ctrl-C throws what {@code interrupted} makes, for
     * the command to stop as it would anywhere else.
     */
    public Optional<String> ask(String question, boolean secret, Supplier<RuntimeException> interrupted) {
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            return Optional.of(reader.readLine(question, secret ? NO_ECHO : null));
        }
        catch (UserInterruptException ctrlC) {
            throw interrupted.get();
        }
        catch (EndOfFileException noAnswer) {
            return Optional.empty();
        }
        finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, false);
        }
    }

    /**
     * Commands piped into the REPL (no terminal): each line until {@code exit} or {@code quit}, blank
     * lines and {@code #} comments left out, read as they come.
     */
    public static void pipedCommands(BufferedReader in, Consumer<String> run) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.strip();
            if (command.isEmpty() || command.startsWith("#")) {
                continue;
            }
            if (command.equals("exit") || command.equals("quit")) {
                return;
            }
            run.accept(command);
        }
    }

    @Override
    public void close() throws IOException {
        reader.getHistory().save();
        terminal.close();
    }
}
