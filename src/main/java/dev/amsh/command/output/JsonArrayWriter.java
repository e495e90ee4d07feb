package dev.amsh.command.output;

import tools.jackson.core.JsonGenerator;

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
    private final JsonGenerator json;

    public JsonArrayWriter(PrintWriter out) {
        this.out = out;
        this.json = Json.generator(out);
        json.writeStartArray();
    }

    /** Writes the element through to {@code out}, which the caller flushes when it likes. */
    public void add(Object element) {
        Json.write(element, json);
        json.flush();
    }

    /** Closes the array and flushes; the underlying writer stays open. */
    public void finish() {
        json.writeEndArray();
        json.close();
        out.write('\n');
        out.flush();
    }
}
