package dev.amsh.service;

import dev.amsh.command.TerminalWriter;
import dev.amsh.wire.Frame;
import dev.amsh.wire.FrameChannel;
import dev.amsh.wire.FrameType;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A command's standard output and error, sent to its client as {@link FrameType#OUT} and
 * {@link FrameType#ERR} frames in the order they were written: text for one stream is kept until
 * the other is written, a flush, a few kilobytes or a few milliseconds, so a long listing goes in a
 * few frames, a line printed before a long step still shows at once, and a question never overtakes
 * the lines before it. Once the client is gone, output is dropped and {@code clientGone} runs once
 * (the command is then stopped at its next step).
 */
final class OutputFrames {

    private static final int CHUNK = 8 * 1024;
    /** The longest text waits for more before it is sent: below what an operator notices. */
    private static final long LINGER_MILLIS = 15;
    private static final ScheduledExecutorService LINGER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "amsh-output-linger");
        thread.setDaemon(true);
        return thread;
    });

    private final FrameChannel channel;
    private final Runnable clientGone;
    private final StringBuilder pending = new StringBuilder();
    private FrameType pendingType = FrameType.OUT;
    private boolean gone;

    OutputFrames(FrameChannel channel, Runnable clientGone) {
        this.channel = channel;
        this.clientGone = clientGone;
    }

    PrintWriter out() {
        // Not flushed at each line: a listing of a thousand lines would be a thousand frames.
        return TerminalWriter.guardUnflushed(new PrintWriter(new StreamWriter(FrameType.OUT), false));
    }

    PrintWriter err() {
        return TerminalWriter.guardUnflushed(new PrintWriter(new StreamWriter(FrameType.ERR), false));
    }

    synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        // A surrogate pair cut by the end of a write is sent whole with the next one.
        int end = Character.isHighSurrogate(pending.charAt(pending.length() - 1)) ? pending.length() - 1
                : pending.length();
        if (end == 0) {
            return;
        }
        String text = pending.substring(0, end);
        pending.delete(0, end);
        send(new Frame(pendingType, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends a frame after the output written before it. */
    synchronized void send(Frame frame) {
        if (frame.type() == FrameType.OUT || frame.type() == FrameType.ERR) {
            sendNow(frame);
            return;
        }
        flush();
        sendNow(frame);
    }

    private void sendNow(Frame frame) {
        if (gone) {
            return;
        }
        try {
            channel.write(frame);
        }
        catch (IOException e) {
            gone = true;
            clientGone.run();
        }
    }

    private synchronized void write(FrameType type, char[] text, int offset, int length) {
        if (type != pendingType) {
            flush();
            if (!pending.isEmpty()) {
                // a lone half of a surrogate pair: it never gets its other half on this stream
                pending.setLength(0);
            }
            pendingType = type;
        }
        if (pending.isEmpty() && length > 0) {
            LINGER.schedule(this::flush, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        }
        pending.append(text, offset, length);
        if (pending.length() >= CHUNK) {
            flush();
        }
    }

    private final class StreamWriter extends Writer {

        private final FrameType type;

        StreamWriter(FrameType type) {
            this.type = type;
        }

        @Override
        public void write(char[] text, int offset, int length) {
            OutputFrames.this.write(type, text, offset, length);
        }

        @Override
        public void flush() {
            OutputFrames.this.flush();
        }

        @Override
        public void close() {
            OutputFrames.this.flush();
        }
    }
}
