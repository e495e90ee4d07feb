package dev.amsh.replay;

import java.io.PrintWriter;

/**
 * A one-line progress bar under a script's output, on a terminal only: it is erased before each
 * line prints and drawn again after, so output and bar never mix.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter terminal;
    private final int total;
    private boolean shown;

    private ProgressBar(PrintWriter terminal, int total) {
        this.terminal = terminal;
        this.total = total;
    }

    /** A bar on {@code terminal}, or none (null writer) when output is not a terminal. */
    static ProgressBar on(PrintWriter terminal, int total) {
        return new ProgressBar(terminal, total);
    }

    void erase() {
        if (terminal != null && shown) {
            terminal.print("\r\033[K");
            terminal.flush();
            shown = false;
        }
    }

    void draw(int done) {
        if (terminal == null) {
            return;
        }
        int filled = (int) ((long) done * WIDTH / Math.max(total, 1));
        terminal.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " lines");
        terminal.flush();
        shown = true;
    }
}
