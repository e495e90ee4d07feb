package dev.amsh.transfer;

import dev.amsh.catalog.CatalogEngine;
import dev.amsh.catalog.CatalogLocation;
import dev.amsh.catalog.Progress;
import dev.amsh.image.ImageStore;
import dev.amsh.vocabulary.CatalogException;
import dev.amsh.vocabulary.FailedException;
import dev.amsh.vocabulary.InvalidValueException;
import dev.amsh.vocabulary.RefusedException;
import dev.amsh.vocabulary.Texts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Moves a catalog between databases (embedded Derby, a Derby network server, PostgreSQL) as a
 * file of JSON lines: a header ({@code {"format":"amsh-catalog","version":1}}), then one line per
 * row ({@code {"table":"IMAGE","row":{"ID":...}}}), tables in an order the foreign keys accept,
 * then a closing line with each table's row count, so that a cut-off file is refused. Rows keep
 * their ids, version numbers, pins, settings and audit events as they are. Both ways stream: a row
 * at a time through the file, batches of rows through the database.
 */
@Service
public class CatalogTransfer {

    public static final String FORMAT = "amsh-catalog";
    public static final int VERSION = 1;

    /**
     * The catalog's tables, parents first, each with the columns that order its rows. Images go in name
     * order: most of the image table's indexes begin with the name, or with a column of a few values and
     * then the name, so an import adds to each of them next to its last entry rather than anywhere
     * (on Derby a third less time for 100,000 images than in id order).
     */
    public static final Map<String, String> TABLES = tables();

    /** Strict: a key given twice is refused, not silently the last one. */
    /** How the parser words a key given twice in one object, which the strict reading refuses. */
    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate (?:Object property|field) \"(.*)\"");

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final JdbcTemplate jdbc;
    private final ImageStore images;
    private final CatalogEngine engine;

    public CatalogTransfer(JdbcTemplate jdbc, ImageStore images, CatalogLocation location) {
        this.jdbc = jdbc;
        this.images = images;
        this.engine = CatalogEngine.of(location);
    }

    private static Map<String, String> tables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("IMAGE_SERVER", "ID");
        tables.put("IMAGE_TYPE", "TYPE");
        tables.put("IMAGE", "NAME, TYPE");
        tables.put("IMAGE_VERSION", "IMAGE_ID, VERSION");
        tables.put("APPLICATION", "ID");
        tables.put("APPLICATION_VERSION", "APPLICATION_ID, VERSION");
        tables.put("AUDIT_EVENT", "ID");
        return Collections.unmodifiableMap(tables);
    }

    /** How many rows of each table went through. */
    public record Counts(Map<String, Long> rows) {

        public long of(String table) {
            return rows.getOrDefault(table, 0L);
        }
    }

    /** Writes the catalog, as one consistent state, to a new owner-only file, telling {@code progress} the rows written. */
    @Transactional(readOnly = true, isolation = Isolation.SERIALIZABLE)
    public Counts export(Path file, Progress progress) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Path created = create(file);
        try (BufferedWriter out = Files.newBufferedWriter(created, StandardCharsets.UTF_8)) {
            out.write(JSON.writeValueAsString(object("format", FORMAT, "version", VERSION)));
            out.newLine();
            long total = 0;
            for (String table : TABLES.keySet()) {
                total += jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
            }
            progress.started(file.getFileName().toString(), total);
            long[] written = {0};
            for (Map.Entry<String, String> table : TABLES.entrySet()) {
                long before = written[0];
                jdbc.query("SELECT " + String.join(", ", CatalogFileCheck.columnsOf(table.getKey())) + " FROM "
                        + table.getKey() + " ORDER BY " + table.getValue(), rs -> {
                    try {
                        out.write(JSON.writeValueAsString(object("table", table.getKey(), "row", row(rs))));
                        out.newLine();
                    }
                    catch (IOException e) {
                        throw new WriteFailed(e);
                    }
                    progress.advanced(++written[0]);
                });
                counts.put(table.getKey(), written[0] - before);
            }
            out.write(JSON.writeValueAsString(object("end", counts)));
            out.newLine();
        }
        catch (IOException | WriteFailed e) {
            deleteQuietly(file);
            throw new FailedException("cannot write " + file + ": " + reason(e instanceof WriteFailed w ? w.getCause() : e));
        }
        catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
        finally {
            progress.finished();
        }
        return new Counts(counts);
    }

    /**
     * Fills an empty catalog from an export, whole or not at all, in one pass: each row is checked as it
     * is read and written in batches, the whole file is checked at its closing line, and a row or a file
     * that fails a check rolls back everything written before it. {@code progress} hears the bytes read.
     */
    @Transactional
    public Counts importFrom(Path file, Progress progress) {
        refuseUnlessEmpty();
        jdbc.update("DELETE FROM IMAGE_SERVER");
        jdbc.update("DELETE FROM IMAGE_TYPE");
        ImportBatches batches = new ImportBatches(jdbc, images, engine);
        Counts counts = read(file, progress, batches::add);
        batches.finish();
        // The file holds the rows, not what is derived from them: each image's counts are taken from its rows.
        images.countAll();
        return counts;
    }

    /** Reads and checks the whole file, handing each checked row's values to {@code sink}. */
    private static Counts read(Path file, Progress progress, BiConsumer<String, Map<String, Object>> sink) {
        CatalogFileCheck check = new CatalogFileCheck();
        Map<String, Long> counts = new LinkedHashMap<>();
        boolean ended = false;
        try (CatalogFileLines in = CatalogFileLines.open(file)) {
            progress.started(file.getFileName().toString(), Files.size(file));
            String line = in.next();
            checkHeader(file, line);
            while ((line = in.next()) != null) {
                int lineNumber = in.lineNumber();
                if (ended) {
                    throw bad(file, lineNumber, "text after the closing line");
                }
                JsonNode node = parse(file, lineNumber, line);
                if (node.has("end")) {
                    checkEnd(file, lineNumber, node, counts);
                    try {
                        check.finish();
                    }
                    catch (CatalogFileCheck.Bad e) {
                        throw bad(file, lineNumber, e.getMessage());
                    }
                    ended = true;
                    continue;
                }
                String table = node.path("table").isString() ? node.get("table").stringValue() : "";
                if (node.size() != 2 || !node.path("row").isObject()) {
                    throw bad(file, lineNumber, "not a row of a catalog table");
                }
                Map<String, Object> values;
                try {
                    values = check.row(table, node.get("row"));
                }
                catch (CatalogFileCheck.Bad e) {
                    throw bad(file, lineNumber, e.getMessage());
                }
                sink.accept(table, values);
                counts.merge(table, 1L, Long::sum);
                progress.advanced(in.bytesRead());
            }
            if (!ended) {
                throw bad(file, in.lineNumber(), "the file ends before its closing line (cut off?)");
            }
        }
        catch (CatalogFileLines.BadLine e) {
            throw bad(file, e.lineNumber(), e.getMessage());
        }
        catch (NoSuchFileException e) {
            throw new InvalidValueException("cannot read " + file + ": no such file; nothing was imported");
        }
        catch (IOException e) {
            throw new FailedException("cannot read " + file + ": " + reason(e) + "; nothing was imported");
        }
        finally {
            progress.finished();
        }
        return new Counts(counts);
    }

    private void refuseUnlessEmpty() {
        long rows = 0;
        for (String query : List.of("SELECT COUNT(*) FROM IMAGE", "SELECT COUNT(*) FROM APPLICATION",
                "SELECT COUNT(*) FROM AUDIT_EVENT", "SELECT COUNT(*) FROM IMAGE_SERVER WHERE LOCATION IS NOT NULL")) {
            rows += jdbc.queryForObject(query, Long.class);
        }
        if (rows > 0) {
            throw new RefusedException("the catalog is not empty (it has images, applications, audit events or an"
                    + " image server); import only into a new catalog");
        }
    }

    private static void checkHeader(Path file, String line) {
        if (line == null) {
            throw bad(file, 1, "the file is empty");
        }
        JsonNode header = parse(file, 1, line);
        if (!FORMAT.equals(header.path("format").asString(""))) {
            throw bad(file, 1, "not an amsh catalog export (no \"format\":\"" + FORMAT + "\" header)");
        }
        if (!header.path("version").isIntegralNumber() || header.path("version").asLong() != VERSION) {
            throw bad(file, 1, "format version " + Texts.abbreviate(header.path("version").toString())
                    + " is not one this amsh reads (" + VERSION + ")");
        }
        if (header.size() != 2) {
            throw bad(file, 1, "the header has members other than format and version");
        }
    }

    private static void checkEnd(Path file, int lineNumber, JsonNode node, Map<String, Long> counts) {
        JsonNode end = node.get("end");
        if (node.size() != 1 || !end.isObject() || end.size() != TABLES.size()) {
            throw bad(file, lineNumber, "the closing line must count the rows of each of " + TABLES.keySet());
        }
        for (String table : TABLES.keySet()) {
            JsonNode expected = end.path(table);
            long found = counts.getOrDefault(table, 0L);
            if (!expected.isIntegralNumber() || !expected.canConvertToLong() || expected.longValue() != found) {
                throw bad(file, lineNumber, "the closing line counts " + Texts.abbreviate(expected.toString()) + " rows of "
                        + table + ", the file has " + found);
            }
        }
    }

    /** A row as column name to value: text, number, true/false, a local date-time, or null. */
    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String name = meta.getColumnName(i).toUpperCase(Locale.ROOT);
            Object value = switch (meta.getColumnType(i)) {
                case Types.TIMESTAMP -> {
                    Timestamp time = rs.getTimestamp(i);
                    yield time == null ? null : time.toLocalDateTime().toString();
                }
                case Types.BOOLEAN, Types.BIT -> rs.getObject(i) == null ? null : rs.getBoolean(i);
                case Types.SMALLINT, Types.INTEGER, Types.BIGINT -> rs.getObject(i) == null ? null : rs.getLong(i);
                default -> rs.getString(i);
            };
            row.put(name, value);
        }
        return row;
    }

    /** Two fields in this order: the file reads the same for the same catalog. */
    private static Map<String, Object> object(String firstName, Object first, String secondName, Object second) {
        Map<String, Object> object = object(firstName, first);
        object.put(secondName, second);
        return object;
    }

    private static Map<String, Object> object(String name, Object value) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put(name, value);
        return object;
    }

    private static JsonNode parse(Path file, int lineNumber, String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                throw bad(file, lineNumber, "not a JSON object");
            }
            return node;
        }
        catch (JacksonException e) {
            Matcher duplicate = DUPLICATE_KEY.matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.lookingAt()) {
                throw bad(file, lineNumber, "duplicate key " + Texts.abbreviate(duplicate.group(1)));
            }
            // The parser's own wording names its tokens and internals; where it stopped is what helps.
            String where = e.getLocation() == null || e.getLocation().getColumnNr() < 1 ? ""
                    : " (at column " + e.getLocation().getColumnNr() + ")";
            throw bad(file, lineNumber, lineNumber == 1 ? "not an amsh catalog export (its first line is not JSON)"
                    : "not JSON" + where);
        }
    }

    private static CatalogException bad(Path file, int lineNumber, String what) {
        return new InvalidValueException(file + " line " + lineNumber + ": " + what + "; nothing was imported");
    }

    /** Created new, owner-only (it holds the audit log), never through a link. */
    private static Path create(Path file) {
        try {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        catch (FileAlreadyExistsException e) {
            throw new RefusedException(file + " exists; amsh does not overwrite it: choose a new file");
        }
        catch (IOException e) {
            throw new FailedException("cannot create " + file + ": " + reason(e));
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException ignored) {
            // the error that made the export fail is the one to report
        }
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** An I/O error inside a row callback, which may throw only SQL and runtime exceptions. */
    private static final class WriteFailed extends RuntimeException {
        WriteFailed(IOException cause) {
            super(cause);
        }
    }
}
