package dev.amsh.client;

import dev.amsh.catalog.CatalogLocation;
import dev.amsh.shell.ReplTerminal;
import dev.amsh.vocabulary.Texts;
import dev.amsh.wire.Frame;
import dev.amsh.wire.FrameType;
import dev.amsh.wire.Payload;
import org.jline.builtins.Completers.FileNameCompleter;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.terminal.Terminal;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REPL, on the client's side: JLine edits the line, keeps the history beside the catalog
 * (Ctrl-R searches it) and asks the service what Tab offers; each line runs in the service as a
 * command of its own. Ctrl-C while a command runs stops it and the prompt comes back; Ctrl-D
 * leaves. When the service went away (stopped, idle, killed), the next line starts a new one.
 *
 * <p>Lines piped in (no terminal) run without prompts, output on stdout and errors on stderr,
 * and the session's exit code is its worst command's, as for {@code script -}.
 */
final class ReplClient {

    /** A hint line among the candidates, never inserted, sorts after them. */
    private static final int HINT_SORT = Integer.MAX_VALUE;

    /** Opens a new connection to the catalog's service. */
    interface Reconnect {
        ServiceLink open() throws IOException;
    }

    private final CatalogLocation location;
    private final Reconnect reconnect;
    private final Map<String, String> env;
    /** {@code amsh --debug}: every line's failure with its stack trace. */
    private final boolean stackTraces;
    private ServiceLink service;

    ReplClient(CatalogLocation location, Reconnect reconnect, ServiceLink service, Map<String, String> env,
            boolean stackTraces) {
        this.location = location;
        this.reconnect = reconnect;
        this.service = service;
        this.env = env;
        this.stackTraces = stackTraces;
    }

    int run() throws IOException {
        if (System.console() == null) {
            return runPiped();
        }
        try (ReplTerminal repl = ReplTerminal.open(new ServiceCompleter(), location.historyFile(env))) {
            Terminal terminal = repl.terminal();
            PrintWriter out = terminal.writer();
            out.println("amsh " + BuildInfo.current().version() + " on catalog " + Texts.visible(location.describe())
                    + " (service pid " + service.servicePid() + "): type help, Tab completes, Ctrl-D exits");
            out.flush();
            boolean canAsk = repl.canAsk();
            Conversation.Side side = new TerminalSide(repl, out);
            repl.loop(command -> send(command, canAsk, terminal.getWidth(), terminal.getHeight(), side),
                    () -> Conversation.cancel(service.channel()));
        }
        return 0;
    }

    /** Runs a line in the service, reconnecting first when the service went away since the last one. */
    private int send(String line, boolean terminal, int width, int height, Conversation.Side side) {
        if (!connected()) {
            return Conversation.FAILED;
        }
        return Conversation.run(service.channel(), new Conversation.Request("interactive", true, List.of(line),
                Path.of("").toAbsolutePath(), terminal, width, height, stackTraces), side);
    }

    private boolean connected() {
        if (service.channel().socket().isOpen() && !serviceClosed()) {
            return true;
        }
        service.close();
        try {
            service = reconnect.open();
            return true;
        }
        catch (IOException e) {
            System.err.println("error: " + Texts.visible(String.valueOf(e.getMessage())));
            return false;
        }
    }

    /** Whether the service closed this connection while the prompt waited (it stopped, idle or asked to). */
    private boolean serviceClosed() {
        try {
            java.nio.channels.SocketChannel socket = service.channel().socket();
            socket.configureBlocking(false);
            try {
                java.nio.ByteBuffer probe = java.nio.ByteBuffer.allocate(1);
                return socket.read(probe) < 0;
            }
            finally {
                socket.configureBlocking(true);
            }
        }
        catch (IOException e) {
            return true;
        }
    }

    /** Lines piped in: each runs as an unattended command, as typed lines would, and the worst outcome is kept. */
    private int runPiped() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        OutputStream err = new FileOutputStream(FileDescriptor.err);
        Conversation.Side side = new Conversation.Side() {
            @Override
            public void out(byte[] bytes) {
                AmshClient.write(out, bytes);
            }

            @Override
            public void err(byte[] bytes) {
                AmshClient.write(err, bytes);
            }

            @Override
            public Optional<String> ask(String question, boolean secret) {
                return Optional.empty();
            }

            @Override
            public byte[] input(int most) {
                // The lines are the commands: a command gets none of them as its input.
                return new byte[0];
            }
        };
        int[] worst = {0};
        // The codes are numbered so that the larger one decides (interrupted over failed over refused).
        ReplTerminal.pipedCommands(in, command -> worst[0] = Math.max(worst[0], send(command, false, 0, 0, side)));
        return worst[0];
    }

    /** The terminal the REPL runs on: output, questions (kept out of the history), no standard input to give. */
    private static final class TerminalSide implements Conversation.Side {

        private final ReplTerminal repl;
        private final PrintWriter out;

        TerminalSide(ReplTerminal repl, PrintWriter out) {
            this.repl = repl;
            this.out = out;
        }

        @Override
        public void out(byte[] bytes) {
            out.write(new String(bytes, StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void err(byte[] bytes) {
            out(bytes);
        }

        @Override
        public Optional<String> ask(String question, boolean secret) {
            return repl.ask(question, secret, Conversation.Interrupted::new);
        }

        @Override
        public byte[] input(int most) {
            return new byte[0];
        }
    }

    /** Tab: the service answers from the catalog; file names are completed here, where they were typed. */
    private final class ServiceCompleter implements Completer {

        private final FileNameCompleter files = new FileNameCompleter();

        @Override
        public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
            if (!connected()) {
                return;
            }
            try {
                service.channel().write(Frame.of(FrameType.COMPLETE,
                        new Payload().putString(line.line().substring(0, line.cursor()))));
                Frame answer = service.channel().read();
                if (answer.type() != FrameType.CANDIDATES) {
                    return;
                }
                Payload.Reader fields = answer.read();
                if (fields.getBoolean()) {
                    files.complete(reader, line, candidates);
                    return;
                }
                int count = fields.getInt();
                for (int i = 0; i < count; i++) {
                    String value = fields.getString();
                    String display = fields.getString();
                    String description = fields.getString();
                    boolean complete = fields.getBoolean();
                    boolean hint = fields.getBoolean();
                    // A hint shares its value with the word typed: JLine lists it and inserts nothing.
                    candidates.add(hint ? new Candidate(line.word(), display, null, null, null, null, false, HINT_SORT)
                            : new Candidate(value, display, null, description.isEmpty() ? null : description, null,
                                    null, complete));
                }
            }
            catch (IOException | RuntimeException e) {
                // No candidates: the next line says what became of the service.
            }
        }
    }
}
