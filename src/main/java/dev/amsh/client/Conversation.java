package dev.amsh.client;

import dev.amsh.wire.Frame;
import dev.amsh.wire.FrameChannel;
import dev.amsh.wire.FrameType;
import dev.amsh.wire.MalformedFrameException;
import dev.amsh.wire.Payload;
import dev.amsh.wire.ServiceEnvironment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One command sent to the service and carried to its end: its output goes to this terminal as it
 * comes, its questions are asked here, its standard input is read here when it asks for it, and
 * its exit code is the answer.
 */
public final class Conversation {

    /** Exit code when the service went away before the command ended. */
    public static final int FAILED = 3;

    /** Where the command's side of things happens: the client's terminal and standard streams. */
    public interface Side {
        void out(byte[] bytes);

        void err(byte[] bytes);

        /**
         * The operator's answer; empty at end of input. Throws {@link Interrupted} on Ctrl-C.
         *
         * @param secret whether the answer is a secret, not to be shown as it is typed
         */
        Optional<String> ask(String question, boolean secret);

        /** Up to {@code most} bytes of standard input; none at its end. */
        byte[] input(int most);
    }

    /** Ctrl-C while a question waited for its answer. */
    public static final class Interrupted extends RuntimeException {
        public Interrupted() {
            super(null, null, false, false);
        }
    }

    /**
     * What the service needs to know of the command and where it was typed.
     *
     * @param origin   {@code one-shot} or {@code interactive}, for the audit
     * @param line     a line as typed, else words as the OS split them
     * @param terminal whether standard input and output are a terminal: questions can be asked, bars drawn
     * @param stackTraces whether a failure comes with its stack trace ({@code --debug})
     */
    public record Request(String origin, boolean line, List<String> words, Path workingDirectory, boolean terminal,
            int width, int height, boolean stackTraces) {

        Frame frame() {
            return Frame.of(FrameType.RUN, new Payload().putString(origin).putBoolean(line).putStrings(words)
                    .putString(workingDirectory.toString()).putBoolean(terminal).putBoolean(terminal)
                    .putInt(width).putInt(height).putStrings(ServiceEnvironment.digests(System.getenv()))
                    .putBoolean(stackTraces));
        }
    }

    private Conversation() {
    }

    /**
     * Runs the request to its end.
     *
     * @return the command's exit code, or {@link #FAILED} when the service went away (said on {@code side})
     */
    public static int run(FrameChannel channel, Request request, Side side) {
        Commits commits = new Commits();
        try {
            channel.write(request.frame());
            while (true) {
                Frame frame = channel.read();
                switch (frame.type()) {
                    case OUT -> side.out(frame.payload());
                    case ERR -> side.err(frame.payload());
                    case ASK -> answer(channel, side, frame);
                    case INPUT_WANTED -> {
                        Payload.Reader fields = frame.read();
                        int most = Math.max(1, Math.min(fields.getInt(), FrameChannel.MAX_PAYLOAD));
                        channel.write(new Frame(FrameType.INPUT, side.input(most)));
                    }
                    case COMMITTING -> commits.pending = true;
                    case COMMITTED -> {
                        commits.pending = false;
                        commits.kept++;
                    }
                    case EXIT -> {
                        return frame.read().getInt();
                    }
                    default -> throw new MalformedFrameException("the service sent " + frame.type() + " to a command");
                }
            }
        }
        catch (IOException | MalformedFrameException e) {
            side.err(("error: the amsh service stopped before the command ended (" + e.getMessage() + "); "
                    + commits.whatWasKept() + "\n").getBytes(StandardCharsets.UTF_8));
            return FAILED;
        }
    }

    /** The command's commits so far, as the service announced them. */
    private static final class Commits {
        int kept;
        boolean pending;

        String whatWasKept() {
            String committed = kept == 0 ? "nothing of it was kept"
                    : kept + (kept == 1 ? " change it committed was kept" : " changes it committed were kept");
            if (pending) {
                return (kept == 0 ? "" : committed + "; ") + "it stopped while committing "
                        + (kept == 0 ? "a change" : "one more") + ", which may or may not have been kept: "
                        + "check with 'audit list'";
            }
            return kept == 0 ? committed : committed + ", the rest rolled back: see 'audit list'";
        }
    }

    private static void answer(FrameChannel channel, Side side, Frame frame) throws IOException {
        Payload.Reader fields = frame.read();
        String question = fields.getString();
        boolean secret = fields.getBoolean();
        fields.end();
        Optional<String> answer;
        try {
            answer = side.ask(question, secret);
        }
        catch (Interrupted ctrlC) {
            channel.write(Frame.of(FrameType.CANCEL));
            answer = Optional.empty();
        }
        channel.write(Frame.of(FrameType.ANSWER, new Payload().putBoolean(answer.isPresent())
                .putString(answer.orElse(""))));
    }

    /** Ctrl-C while the command runs: it stops at its next step. */
    public static void cancel(FrameChannel channel) {
        try {
            channel.write(Frame.of(FrameType.CANCEL));
        }
        catch (IOException gone) {
            // the service is gone: nothing runs to stop
        }
    }
}
