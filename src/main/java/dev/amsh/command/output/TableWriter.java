package dev.amsh.command.output;

import dev.amsh.vocabulary.Texts;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes a plain-text table: a header row in capitals, each column padded to its widest cell, two spaces
 * between columns, no trailing spaces. Control characters in cells are shown as escapes ({@link Texts#visible}):
 * printed raw they would break the row apart or act on the terminal.
 *
 * <p>Column widths need the cells, so rows are buffered a page at a time and each page is printed when
 * full. Widths are the widest cell seen so far and only ever grow: within a page every column lines up,
 * and a later page holding a wider cell shifts the columns to its right rather than truncating anything.
 * This keeps memory bounded for any listing; a page of a few hundred rows almost always holds the widest
 * values (names are at most 100 characters), so in practice the whole table lines up.
 */
public final class TableWriter {

    private static final String COLUMN_GAP = "  ";

    private final List<String> headers;
    private final int pageRows;
    private final PrintWriter out;
    private final int[] widths;
    private final List<List<String>> page = new ArrayList<>();
    private boolean headerPrinted;

    public TableWriter(List<String> headers, int pageRows, PrintWriter out) {
        if (pageRows < 1) {
            throw new IllegalArgumentException("a page holds at least one row, not " + pageRows);
        }
        this.headers = headers.stream().map(h -> Texts.visible(h.toUpperCase(Locale.ROOT))).toList();
        this.pageRows = pageRows;
        this.out = out;
        this.widths = this.headers.stream().mapToInt(TableWriter::width).toArray();
    }

    public void row(Object... cells) {
        row(Arrays.asList(cells));
    }

    public void row(List<?> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.size());
        }
        page.add(Cells.texts(cells).stream().map(Texts::visible).toList());
        if (page.size() == pageRows) {
            printPage();
        }
    }

    /** Prints the rows still buffered (and the header, even for an empty table) and flushes. */
    public void finish() {
        printPage();
    }

    private void printPage() {
        for (List<String> row : page) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], width(row.get(column)));
            }
        }
        StringBuilder text = new StringBuilder();
        if (!headerPrinted) {
            appendLine(headers, text);
            headerPrinted = true;
        }
        page.forEach(row -> appendLine(row, text));
        page.clear();
        out.write(text.toString());
        out.flush();
    }

    private void appendLine(List<String> cells, StringBuilder text) {
        int lineStart = text.length();
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            text.append(cell);
            if (column < cells.size() - 1) {
                text.append(" ".repeat(widths[column] - width(cell))).append(COLUMN_GAP);
            }
        }
        // Empty cells at the end of a row would otherwise leave the padding behind as trailing spaces.
        int end = text.length();
        while (end > lineStart && text.charAt(end - 1) == ' ') {
            end--;
        }
        text.setLength(end);
        text.append('\n');
    }

    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}
