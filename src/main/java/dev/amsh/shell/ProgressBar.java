package dev.amsh.shell;

import java.io.PrintWriter;

/**
 * A one-line progress bar for streaming a large file on a terminal, redrawn only when the
 * percentage changes. Without a terminal (or for small files) it draws nothing.
 */
public final class ProgressBar {

    /** Below this a progress bar would only flicker. */
    public static final long THRESHOLD = 64L * 1024 * 1024;
    private static final int WIDTH = 30;

    private final PrintWriter terminal;
    private final String label;
    private final long total;
    private int shownPercent = -1;

    private ProgressBar(PrintWriter terminal, String label, long total) {
        this.terminal = terminal;
        this.label = label;
        this.total = total;
    }

    /**
     * @param terminal where to draw, or null when there is no terminal
     * @param label    what is being done, e.g. {@code reading foo.img}
     * @param total    the bytes expected
     */
    public static ProgressBar start(PrintWriter terminal, String label, long total) {
        return new ProgressBar(terminal != null && total >= THRESHOLD ? terminal : null, label, total);
    }

    public void update(long done) {
        if (terminal == null) {
            return;
        }
        int percent = (int) Math.min(100, done * 100 / Math.max(total, 1));
        if (percent != shownPercent) {
            shownPercent = percent;
            int filled = percent * WIDTH / 100;
            terminal.print("\r" + label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + percent + "%");
            terminal.flush();
        }
    }

    /** Erases the bar, so the command's own output starts on a clean line. */
    public void finish() {
        if (terminal != null) {
            terminal.print("\r\033[K");
            terminal.flush();
        }
    }
}
