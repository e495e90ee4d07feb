package dev.amsh.command.output;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Prints a listing described once, as records and the columns a table shows, in any {@link OutputFormat}.
 * Table and CSV show the given columns (a list value becomes {@code 0,1,2}); JSON and YAML show every
 * field of every record, for programs that need more than the columns.
 *
 * <p>Records are consumed one at a time and never collected, so a lazily produced {@code Iterable} (for
 * example {@code stream::iterator} over a database cursor) keeps memory bounded. JSON, YAML and CSV
 * stream each record straight out; a table buffers {@value #TABLE_PAGE_ROWS} rows at a time to size
 * its columns (see {@link TableWriter}).
 */
public final class RecordRenderer {

    public static final int TABLE_PAGE_ROWS = 500;

    private RecordRenderer() {
    }

    /**
     * @param columns record keys shown by table and CSV, in order; a table header is the key in capitals
     *                ({@code architecture} is {@code ARCHITECTURE}), a CSV header the key itself, matching
     *                the JSON field names
     * @return how many records were printed
     */
    public static long render(OutputFormat format, List<String> columns, Iterable<? extends Map<String, ?>> records,
            PrintWriter out) {
        long count = 0;
        switch (format) {
            case JSON -> {
                JsonArrayWriter json = new JsonArrayWriter(out);
                for (Map<String, ?> record : records) {
                    json.add(record);
                    count++;
                }
                json.finish();
            }
            case YAML -> {
                YamlSequenceWriter yaml = new YamlSequenceWriter(out);
                for (Map<String, ?> record : records) {
                    yaml.add(record);
                    count++;
                }
                yaml.finish();
            }
            case CSV -> {
                CsvWriter csv = new CsvWriter(columns, out);
                for (Map<String, ?> record : records) {
                    csv.row(cells(columns, record));
                    count++;
                }
                csv.finish();
            }
            case TABLE -> {
                TableWriter table = new TableWriter(columns, TABLE_PAGE_ROWS, out);
                for (Map<String, ?> record : records) {
                    table.row(cells(columns, record));
                    count++;
                }
                table.finish();
            }
        }
        return count;
    }

    private static List<?> cells(List<String> columns, Map<String, ?> record) {
        return columns.stream().map(column -> {
            // A column missing from a record is a mistake in the command, not an empty cell.
            if (!record.containsKey(column)) {
                throw new IllegalArgumentException("record has no field '" + column + "'");
            }
            return record.get(column);
        }).toList();
    }
}
