package dev.amsh.command.output;

import dev.amsh.vocabulary.Texts;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

/**
 * Writes RFC 4180 CSV row by row: a header row first, fields quoted when they hold a comma or a quote,
 * quotes doubled, control characters written out as escapes so that one row is one line. Lines end with CRLF as the RFC prescribes, which spreadsheet programs and CSV
 * libraries expect.
 */
public final class CsvWriter {

    private static final String LINE_END = "\r\n";

    private final PrintWriter out;
    private final int columnCount;

    /** Writes the header row at once. */
    public CsvWriter(List<String> header, PrintWriter out) {
        this.out = out;
        this.columnCount = header.size();
        writeLine(header);
    }

    public void row(Object... cells) {
        row(Arrays.asList(cells));
    }

    public void row(List<?> cells) {
        if (cells.size() != columnCount) {
            throw new IllegalArgumentException("expected " + columnCount + " cells, got " + cells.size());
        }
        writeLine(Cells.texts(cells));
    }

    /** Flushes; the underlying writer stays open. */
    public void finish() {
        out.flush();
    }

    private void writeLine(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(fields.get(i)));
        }
        out.write(line.append(LINE_END).toString());
    }

    /**
     * A field with its control characters shown as escapes ({@link Texts#visible}), line breaks too: a
     * CR inside a field, even quoted, would move the terminal's cursor back over the row, and an LF would
     * draw a row that is not one. What is left needs quotes only for a comma or a quote.
     */
    static String field(String raw) {
        String text = Texts.visible(raw);
        boolean needsQuotes = text.indexOf(',') >= 0 || text.indexOf('"') >= 0;
        return needsQuotes ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
