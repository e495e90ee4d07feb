package dev.amsh.command.output;

import java.io.PrintWriter;

/**
 * Writes a top-level YAML sequence one item at a time, so a long listing is never held in memory. The
 * output is the same as {@link Yaml#render} of the whole list: an empty listing prints {@code []}.
 */
public final class YamlSequenceWriter {

    private final PrintWriter out;
    private boolean empty = true;

    public YamlSequenceWriter(PrintWriter out) {
        this.out = out;
    }

    public void add(Object item) {
        StringBuilder yaml = new StringBuilder("- ");
        Yaml.appendBlock(item, 2, yaml);
        out.write(yaml.toString());
        empty = false;
    }

    /** Prints {@code []} if nothing was added, and flushes; the underlying writer stays open. */
    public void finish() {
        if (empty) {
            out.write("[]\n");
        }
        out.flush();
    }
}
