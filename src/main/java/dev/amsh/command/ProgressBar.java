package dev.amsh.command;

import dev.amsh.catalog.Progress;
import dev.amsh.vocabulary.Texts;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * A one-line progress bar on a terminal: for streaming a large file, or for replaying a long
 * script. It redraws only when the percentage changes, and is erased before other output is
 * printed, so output and bar never mix: output written {@linkplain #above(PrintWriter) above} it
 * erases it first, and the next update draws it again below. Without a terminal it draws nothing.
 */
public final class ProgressBar {

    /** Below this many bytes a bar would only flicker. */
    public static final long BYTES_THRESHOLD = 64L * 1024 * 1024;
    private static final int WIDTH = 30;

    private final PrintWriter terminal;
    private final String label;
    private final long total;
    private final String unit;
    private int shownPercent = -1;
    private boolean shown;

    private ProgressBar(PrintWriter terminal, String label, long total, String unit) {
        // The bar's own CR and erase-line must act, so it draws past the gate, escaping its label itself.
        this.terminal = terminal == null ? null : TerminalWriter.raw(terminal);
        this.label = Texts.visible(label);
        this.total = total;
        this.unit = unit;
    }

    /**
     * A bar for {@code total} bytes, drawn only for large files.
     *
     * @param terminal where to draw, or null when there is no terminal
     * @param label    what is being done, e.g. {@code reading foo.img}
     */
    public static ProgressBar start(PrintWriter terminal, String label, long total) {
        return new ProgressBar(terminal != null && total >= BYTES_THRESHOLD ? terminal : null, label, total, null);
    }

    /**
     * A service's {@link Progress} drawn as a bar labelled {@code verb subject}, e.g. {@code reading foo.img}.
     *
     * @param terminal where to draw, or null when there is no terminal (then nothing is drawn)
     */
    public static Progress ofBytes(PrintWriter terminal, String verb) {
        if (terminal == null) {
            return Progress.NONE;
        }
        return new Progress() {
            private ProgressBar bar;

            @Override
            public void started(String subject, long total) {
                bar = start(terminal, verb + " " + subject, total);
            }

            @Override
            public void advanced(long done) {
                bar.update(done);
            }

            @Override
            public void finished() {
                if (bar != null) {
                    bar.finish();
                }
            }
        };
    }

    /** A bar counting {@code total} items ({@code lines}), showing the count beside the percentage. */
    public static ProgressBar counting(PrintWriter terminal, String label, long total, String unit) {
        return new ProgressBar(terminal, label, total, unit);
    }

    public void update(long done) {
        if (terminal == null) {
            return;
        }
        int percent = (int) Math.min(100, done * 100 / Math.max(total, 1));
        if (percent != shownPercent || !shown) {
            shownPercent = percent;
            int filled = percent * WIDTH / 100;
            String count = unit == null ? "" : " (" + done + "/" + total + " " + unit + ")";
            terminal.print("\r" + label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + percent + "%"
                    + count);
            terminal.flush();
            shown = true;
        }
    }

    /**
     * {@code target} as seen while this bar is drawn: what is written through it erases the bar first, so
     * the output scrolls up above the bar's line, which the next {@link #update} draws again.
     */
    public PrintWriter above(PrintWriter target) {
        if (terminal == null) {
            return target;
        }
        return new PrintWriter(new Writer() {
            @Override
            public void write(char[] text, int offset, int length) {
                finish();
                target.write(text, offset, length);
            }

            @Override
            public void flush() {
                target.flush();
            }

            @Override
            public void close() {
                target.flush();
            }
        }, true);
    }

    /** Erases the bar, so other output starts on a clean line; the next update draws it again. */
    public void finish() {
        if (terminal != null && shown) {
            terminal.print("\r\033[K");
            terminal.flush();
            shown = false;
        }
    }
}
