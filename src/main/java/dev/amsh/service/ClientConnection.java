package dev.amsh.service;

import dev.amsh.command.Invocation;
import dev.amsh.shell.completion.ShellCompleter;
import dev.amsh.vocabulary.Actor;
import dev.amsh.vocabulary.CancelledException;
import dev.amsh.vocabulary.Texts;
import dev.amsh.wire.Frame;
import dev.amsh.wire.FrameChannel;
import dev.amsh.wire.FrameType;
import dev.amsh.wire.MalformedFrameException;
import dev.amsh.wire.Payload;
import dev.amsh.wire.ServiceEnvironment;
import dev.amsh.wire.ServiceSocket;
import dev.amsh.wire.UntrustedSocketException;
import org.springframework.shell.core.command.completion.CompletionProposal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client of the service: its handshake, then its requests one at a time. A command runs on
 * a thread of its own while this one goes on reading the client's frames: answers to questions,
 * standard input, Ctrl-C. When the client goes away (its process killed, its connection closed),
 * its running command is stopped at its next step and rolled back, as Ctrl-C would.
 */
final class ClientConnection implements Runnable {

    /** How long a new connection has to say hello: a silent one holds a thread for nothing. */
    static final long HELLO_MILLIS = 10_000;

    private final CatalogService service;
    private final FrameChannel channel;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final Instant since = Instant.now();
    /** The client's process, as the kernel names it at the other end of the socket. */
    private volatile OptionalLong clientPid = OptionalLong.empty();
    private volatile String user = "?";
    /** The command under way, until just before its EXIT is sent. */
    private volatile String running;
    private volatile boolean greeted;
    private Thread worker;

    /** What the client sent back while its command waits: an answer, input, or that it is gone. */
    private sealed interface Reply {
        record Answer(Optional<String> text) implements Reply {
        }

        record Input(byte[] bytes) implements Reply {
        }

        record Gone() implements Reply {
        }
    }

    ClientConnection(CatalogService service, FrameChannel channel) {
        this.service = service;
        this.channel = channel;
    }

    @Override
    public void run() {
        try {
            user = ServiceSocket.requireOwnUser(channel.socket(), "a client").getName();
            clientPid = PeerProcess.of(channel.socket());
            if (!handshake()) {
                return;
            }
            serve();
        }
        catch (UntrustedSocketException e) {
            service.log("refused a connection: " + e.getMessage());
        }
        catch (EOFException e) {
            // the client went away between requests
        }
        catch (MalformedFrameException e) {
            service.log("closed the connection of " + client() + ": " + e.getMessage());
        }
        catch (IOException e) {
            service.log("lost the connection of " + client() + ": " + e.getMessage());
        }
        finally {
            clientGone();
            awaitCommand();
            channel.close();
            service.disconnected(this);
        }
    }

    private boolean handshake() throws IOException {
        Frame hello = channel.read();
        if (hello.type() != FrameType.HELLO) {
            throw new MalformedFrameException("the first frame was " + hello.type() + ", not HELLO");
        }
        Payload.Reader fields = hello.read();
        int protocol = fields.getInt();
        String build = fields.getString();
        // The pid the client says it has, which services of earlier builds read: this one asks the kernel.
        fields.getLong();
        fields.end();
        service.greeted(this);
        if (protocol != FrameChannel.PROTOCOL || !build.equals(service.build())) {
            channel.write(Frame.of(FrameType.RETIRING, new Payload().putString(service.build())));
            service.retire("a client of another build (" + build + ") came");
            return false;
        }
        channel.write(Frame.of(FrameType.WELCOME, new Payload().putString(service.build())
                .putLong(ProcessHandle.current().pid())));
        return true;
    }

    private void serve() throws IOException {
        while (true) {
            Frame frame = channel.read();
            // Not the thread's liveness: it is still ending for a moment after its EXIT went out, and a
            // client may send its next request at once (lines piped into the REPL do).
            boolean busy = running != null;
            switch (frame.type()) {
                case RUN -> {
                    requireIdle(busy, frame);
                    start(frame);
                }
                case COMPLETE -> {
                    requireIdle(busy, frame);
                    complete(frame);
                }
                case STATUS -> {
                    requireIdle(busy, frame);
                    OutputFrames output = new OutputFrames(channel, this::clientGone);
                    output.send(Frame.text(FrameType.OUT, service.status(this)));
                    output.send(Frame.of(FrameType.EXIT, new Payload().putInt(0)));
                }
                case STOP -> {
                    requireIdle(busy, frame);
                    channel.write(Frame.of(FrameType.EXIT, new Payload().putInt(0)));
                    service.stop("stopped by amsh serve --stop (" + client() + ")", false);
                }
                case CANCEL -> stopRequested.set(true);
                case ANSWER -> {
                    Payload.Reader fields = frame.read();
                    boolean given = fields.getBoolean();
                    String text = fields.getString();
                    fields.end();
                    replies.add(new Reply.Answer(given ? Optional.of(text) : Optional.empty()));
                }
                case INPUT -> replies.add(new Reply.Input(frame.payload()));
                default -> throw new MalformedFrameException("a client does not send " + frame.type());
            }
        }
    }

    /** Ends a request without running it: one error line, exit 2. */
    private void refuse(String line) {
        OutputFrames output = new OutputFrames(channel, this::clientGone);
        output.send(Frame.text(FrameType.ERR, line + "\n"));
        output.send(Frame.of(FrameType.EXIT, new Payload().putInt(2)));
    }

    private static void requireIdle(boolean busy, Frame frame) {
        if (busy) {
            throw new MalformedFrameException(frame.type() + " came while a command was running");
        }
    }

    private void start(Frame frame) {
        Payload.Reader fields = frame.read();
        String origin = fields.getString();
        boolean line = fields.getBoolean();
        List<String> words = fields.getStrings();
        String directory = fields.getString();
        boolean stdinTerminal = fields.getBoolean();
        boolean stdoutTerminal = fields.getBoolean();
        fields.getInt();
        fields.getInt();
        List<String> environment = fields.getStrings();
        boolean stackTraces = fields.getBoolean();
        fields.end();
        List<String> setOtherwise = ServiceEnvironment.setOtherwise(environment, service.environment());
        if (!setOtherwise.isEmpty()) {
            refuse("error: " + String.join(" and ", setOtherwise) + " is not the one the catalog's service started"
                    + " with, which its commands use: stop the service (amsh serve --stop) and run the command again");
            return;
        }
        Path workingDirectory;
        try {
            workingDirectory = Path.of(directory);
        }
        catch (InvalidPathException e) {
            throw new MalformedFrameException("the working directory is not a path");
        }
        if (!workingDirectory.isAbsolute() || words.isEmpty() || line && words.size() != 1) {
            throw new MalformedFrameException("a RUN frame without an absolute directory and a command");
        }
        stopRequested.set(false);
        replies.clear();
        String text = String.join(" ", words);
        running = text;
        OutputFrames output = new OutputFrames(channel, this::clientGone);
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        Actor actor = new Actor(user, clientPid, origin, text);
        Invocation typed = (stdinTerminal && stdoutTerminal
                ? Invocation.interactive(actor, err, new Invocation.Prompter() {
                    @Override
                    public Optional<String> ask(String question) {
                        return ClientConnection.this.ask(output, question, false);
                    }

                    @Override
                    public Optional<String> askSecret(String question) {
                        return ClientConnection.this.ask(output, question, true);
                    }
                })
                : Invocation.unattended(actor, err))
                .from(new Invocation.Client(workingDirectory, new ClientInput(output)));
        // The client's --debug: its own failure's stack trace, on its own stderr.
        Invocation invocation = stackTraces ? typed.showingStackTraces() : typed;
        service.active();
        worker = new Thread(() -> {
            int code = 3;
            try {
                code = service.commands().run(line, words, out, invocation, stopRequested::get, new CommitNotices() {
                    @Override
                    public void committing() {
                        output.send(Frame.of(FrameType.COMMITTING));
                    }

                    @Override
                    public void committed() {
                        output.send(Frame.of(FrameType.COMMITTED));
                    }
                });
            }
            finally {
                out.flush();
                err.flush();
                running = null;
                service.active();
                output.send(Frame.of(FrameType.EXIT, new Payload().putInt(code)));
            }
        }, "amsh-command-" + client().replace(' ', '-'));
        worker.start();
    }

    private Optional<String> ask(OutputFrames output, String question, boolean secret) {
        output.send(Frame.of(FrameType.ASK, new Payload().putString(question).putBoolean(secret)));
        Reply reply = awaitReply();
        if (reply instanceof Reply.Answer answer) {
            return answer.text();
        }
        throw new CancelledException();
    }

    /** The next reply; Ctrl-C or the client's end while waiting stops the command there. */
    private Reply awaitReply() {
        try {
            while (true) {
                Reply reply = replies.poll(100, TimeUnit.MILLISECONDS);
                if (reply instanceof Reply.Gone || stopRequested.get()) {
                    replies.add(new Reply.Gone());
                    throw new CancelledException();
                }
                if (reply != null) {
                    return reply;
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }

    private void complete(Frame frame) throws IOException {
        Payload.Reader fields = frame.read();
        String line = fields.getString();
        fields.end();
        ShellCompleter.Offer offer = service.commands().complete(line);
        List<String> hints = offer.hints();
        Payload candidates = new Payload().putBoolean(offer.files())
                .putInt(offer.proposals().size() + hints.size());
        for (CompletionProposal proposal : offer.proposals()) {
            candidates.putString(proposal.value())
                    .putString(proposal.displayText() == null ? proposal.value() : proposal.displayText())
                    .putString(proposal.description() == null ? "" : proposal.description())
                    .putBoolean(proposal.complete())
                    .putBoolean(false);
        }
        for (String hint : hints) {
            candidates.putString("").putString(hint).putString("").putBoolean(false).putBoolean(true);
        }
        channel.write(Frame.of(FrameType.CANDIDATES, candidates));
    }

    /** Stops the running command, if any, at its next step: the client cannot take its output any more. */
    void clientGone() {
        stopRequested.set(true);
        replies.add(new Reply.Gone());
    }

    /** Ends the connection; a REPL reconnects (to a new service) for its next line. */
    void close() {
        channel.close();
    }

    /** Asks the running command to stop, as the client's Ctrl-C would. */
    void cancel() {
        stopRequested.set(true);
    }

    private void awaitCommand() {
        Thread running = worker;
        if (running == null) {
            return;
        }
        try {
            running.join();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean idle() {
        return running == null;
    }

    void markGreeted() {
        greeted = true;
    }

    boolean greeted() {
        return greeted;
    }

    private String client() {
        return clientPid.isPresent() ? "pid " + clientPid.getAsLong() : "a client";
    }

    /** One line for {@code serve --status}. */
    String describe() {
        return describe(running == null ? "idle" : "running: " + Texts.abbreviate(running));
    }

    /** The line of the client that asks for the status. */
    String describeAsking() {
        return describe("running: serve --status");
    }

    private String describe(String state) {
        return client() + " (user " + user + ") since " + since.truncatedTo(ChronoUnit.SECONDS) + ", " + state;
    }

    /** The command's standard input, read from its client only when the command reads it. */
    private final class ClientInput extends InputStream {

        private final OutputFrames output;
        private byte[] buffered = new byte[0];
        private int position;
        private boolean ended;

        ClientInput(OutputFrames output) {
            this.output = output;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position == buffered.length) {
                if (ended) {
                    return -1;
                }
                output.send(Frame.of(FrameType.INPUT_WANTED, new Payload().putInt(64 * 1024)));
                if (!(awaitReply() instanceof Reply.Input input)) {
                    throw new MalformedFrameException("an answer came where input was asked for");
                }
                if (input.bytes().length == 0) {
                    ended = true;
                    return -1;
                }
                buffered = input.bytes();
                position = 0;
            }
            int n = Math.min(length, buffered.length - position);
            System.arraycopy(buffered, position, target, offset, n);
            position += n;
            return n;
        }
    }
}
