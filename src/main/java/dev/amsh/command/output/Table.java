package dev.amsh.command.output;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small table held in memory and printed with every column lined up, for results of a known, modest
 * size (the versions of one image). Long listings go through {@link TableWriter} directly.
 */
public final class Table {

    private final List<String> headers;
    private final List<List<?>> rows = new ArrayList<>();

    private Table(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    /** A table with these column headers, printed in capitals. */
    public static Table of(List<String> headers) {
        return new Table(headers);
    }

    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(Arrays.asList(cells));
        return this;
    }

    public void render(PrintWriter out) {
        // One page holding every row: widths come from all of them.
        TableWriter writer = new TableWriter(headers, Math.max(1, rows.size()), out);
        rows.forEach(writer::row);
        writer.finish();
    }

    public String render() {
        StringWriter text = new StringWriter();
        render(new PrintWriter(text));
        return text.toString();
    }
}
