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
     */
    public static void render(OutputFormat format, List<String> columns, Iterable<? extends Map<String, ?>> records,
            PrintWriter out) {
        switch (format) {
            case JSON -> {
                JsonArrayWriter json = new JsonArrayWriter(out);
                records.forEach(json::add);
                json.finish();
            }
            case YAML -> {
                YamlSequenceWriter yaml = new YamlSequenceWriter(out);
                records.forEach(yaml::add);
                yaml.finish();
            }
            case CSV -> {
                CsvWriter csv = new CsvWriter(columns, out);
                records.forEach(record -> csv.row(cells(columns, record)));
                csv.finish();
            }
            case TABLE -> {
                TableWriter table = new TableWriter(columns, TABLE_PAGE_ROWS, out);
                records.forEach(record -> table.row(cells(columns, record)));
                table.finish();
            }
        }
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
