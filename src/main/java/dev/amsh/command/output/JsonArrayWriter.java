package dev.amsh.command.output;

import java.io.PrintWriter;

/**
 * Writes a JSON array one element at a time, so a long listing is never held in memory. The output is
 * the same as {@link Json#render} of the whole list.
 *
 * <p>Not {@link AutoCloseable} on purpose: closing it after a failure would print {@code ]} and make a
 * truncated listing look complete to the program reading it. Call {@link #finish()} only on success.
 */
public final class JsonArrayWriter {

    private final PrintWriter out;
    private boolean empty = true;

    public JsonArrayWriter(PrintWriter out) {
        this.out = out;
    }

    public void add(Object element) {
        StringBuilder json = new StringBuilder(empty ? "[\n" : ",\n");
        Json.indent(1, json);
        Json.append(element, 1, json);
        out.write(json.toString());
        empty = false;
    }

    /** Closes the array and flushes; the underlying writer stays open. */
    public void finish() {
        out.write(empty ? "[]\n" : "\n]\n");
        out.flush();
    }
}
