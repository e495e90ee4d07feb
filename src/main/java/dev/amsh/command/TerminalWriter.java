package dev.amsh.command;

import dev.amsh.vocabulary.Texts;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * The one gate between a command and the terminal: everything a command prints passes through it with
 * every control character, escape sequence and invisible format character written out as
 * {@link Texts#visible} writes it, whatever message it is part of. Line ends pass: a newline, a tab and
 * CR LF (CSV's line end); a lone CR, which would let the rest of a line overwrite its start, does not.
 * Text already made visible reads the same, since visible text holds nothing to escape.
 */
public final class TerminalWriter extends PrintWriter {

    private final PrintWriter raw;

    private TerminalWriter(PrintWriter raw, boolean flushEachLine) {
        super(new Escaping(raw), flushEachLine);
        this.raw = raw;
    }

    /** {@code target} behind the gate (itself if it already is), flushed at each line. */
    public static PrintWriter guard(PrintWriter target) {
        return target instanceof TerminalWriter ? target : new TerminalWriter(target, true);
    }

    /**
     * {@code target} behind the gate, flushed only when asked: for a target that sends what it holds on a
     * schedule of its own, where a flush at each line would send each line alone.
     */
    public static PrintWriter guardUnflushed(PrintWriter target) {
        return new TerminalWriter(target, false);
    }

    /**
     * The writer behind the gate, for amsh's own drawing (the progress bar's CR and erase-line), never
     * for text from a catalog; {@code writer} itself when it is not a gate.
     */
    static PrintWriter raw(PrintWriter writer) {
        return writer instanceof TerminalWriter gate ? gate.raw : writer;
    }

    private static final class Escaping extends Writer {

        private final PrintWriter target;
        private boolean pendingCarriageReturn;

        Escaping(PrintWriter target) {
            this.target = target;
        }

        @Override
        public void write(char[] text, int offset, int length) {
            StringBuilder shown = new StringBuilder(length + 8);
            for (int i = offset; i < offset + length; i++) {
                char c = text[i];
                if (pendingCarriageReturn) {
                    pendingCarriageReturn = false;
                    shown.append(c == '\n' ? "\r" : "\\r");
                }
                if (c == '\r') {
                    pendingCarriageReturn = true;
                }
                else if (c == '\n' || c == '\t') {
                    shown.append(c);
                }
                else {
                    shown.append(Texts.visible(String.valueOf(c)));
                }
            }
            target.write(shown.toString());
        }

        @Override
        public void flush() {
            target.flush();
        }

        @Override
        public void close() {
            if (pendingCarriageReturn) {
                target.write("\\r");
                pendingCarriageReturn = false;
            }
            target.flush();
        }
    }
}
