package dev.amsh.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A command on a pseudo-terminal, as an operator at a terminal runs it: util-linux {@code script}
 * gives it a pty, this side types into it and watches what it prints, noting when each piece
 * arrived.
 */
final class PtySession implements AutoCloseable {

    /** A text found in the output: where it ends, and when the piece that completed it arrived. */
    record Seen(int end, long atNanos) {
    }

    private final Process process;
    private final OutputStream keyboard;
    private final long startedNanos;
    // Bytes as ISO-8859-1 chars, so offsets are byte counts; what is searched for is ASCII.
    private final StringBuilder output = new StringBuilder();
    private final List<long[]> arrivals = new ArrayList<>();
    private final Thread reader;

    private PtySession(Process process, long startedNanos) {
        this.process = process;
        this.keyboard = process.getOutputStream();
        this.startedNanos = startedNanos;
        this.reader = new Thread(this::readAll, "pty-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    static PtySession start(List<String> command) {
        // script's pty has no size when its own stdin is no terminal; JLine would then draw the prompt as "...".
        String line = "stty cols 120 rows 40; exec "
                + command.stream().map(PtySession::shellQuote).collect(Collectors.joining(" "));
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", line, "/dev/null").redirectErrorStream(true);
        Tools.withoutCatalogEnvironment(builder);
        builder.environment().put("TERM", "xterm-256color");
        try {
            long started = System.nanoTime();
            return new PtySession(builder.start(), started);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long startedNanos() {
        return startedNanos;
    }

    /** Waits until {@code text} appears at or after {@code from} in the output. */
    Seen await(String text, int from, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (true) {
                int at = output.indexOf(text, from);
                if (at >= 0) {
                    int end = at + text.length();
                    return new Seen(end, arrivals.stream().filter(a -> a[0] >= end).findFirst().orElseThrow()[1]);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !reader.isAlive()) {
                    throw new IllegalStateException("no '" + text + "' on the terminal; it shows: " + tail());
                }
                try {
                    output.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    void type(String keys) {
        try {
            keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    /** Waits for the command to end by itself and returns its exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("still running after " + timeout + "; it shows: " + tail());
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            return process.exitValue();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private void readAll() {
        byte[] buffer = new byte[8192];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                long now = System.nanoTime();
                synchronized (output) {
                    output.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    arrivals.add(new long[] {output.length(), now});
                    output.notifyAll();
                }
            }
        }
        catch (IOException closed) {
            // the process ended; what it printed is kept
        }
        synchronized (output) {
            output.notifyAll();
        }
    }

    private String tail() {
        String all = output();
        return all.length() <= 1500 ? all : all.substring(all.length() - 1500);
    }

    private static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
