package dev.amsh.transfer;

import dev.amsh.audit.Outcome;
import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageStatus;
import dev.amsh.image.model.ImageType;
import dev.amsh.vocabulary.Names;
import dev.amsh.vocabulary.Secrets;
import dev.amsh.vocabulary.Sizes;
import dev.amsh.vocabulary.Texts;
import dev.amsh.vocabulary.WireNamed;
import dev.amsh.vocabulary.Xid;
import tools.jackson.databind.JsonNode;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Everything a command would hold true of the rows of a catalog file, checked row by row as they are
 * read and as a whole at the closing line: each value's kind, range, length and shape (names, ids,
 * digests, statuses), each key once, each reference to a row before it, and the rules' invariants
 * (every image and application keeps a version, one default per type that has images, version numbers
 * below the next one to be given). A row that breaks one throws {@link Bad} saying which. What it
 * holds to check references is a few small entries per image and application, never the rows.
 */
final class CatalogFileCheck {

    /** Far below where a new audit event's id would overflow, far above any real log. */
    static final long MAX_AUDIT_ID = 1L << 53;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> TYPES = words(ImageType.values());
    private static final Set<String> ARCHITECTURES = words(Architecture.values());
    private static final Set<String> STATUSES = words(ImageStatus.values());
    private static final Set<String> OUTCOMES = words(Outcome.values());
    private static final Map<String, Map<String, Column>> COLUMNS = columns();

    /** A row or a file the check refuses; the message says why, for its line. */
    static final class Bad extends RuntimeException {
        Bad(String message) {
            super(message, null, false, false);
        }
    }

    private enum Kind { TEXT, PRINTABLE, NAME, ID, WORD, TIME, FLAG, NUMBER, SHA256 }

    private record Column(Kind kind, boolean nullable, long min, long max, Set<String> words) {

        static Column of(Kind kind) {
            return new Column(kind, false, 0, 0, Set.of());
        }

        static Column text(Kind kind, int maxLength) {
            return new Column(kind, false, 0, maxLength, Set.of());
        }

        static Column number(long min, long max) {
            return new Column(Kind.NUMBER, false, min, max, Set.of());
        }

        static Column word(Set<String> words) {
            return new Column(Kind.WORD, false, 0, 0, words);
        }

        Column orNull() {
            return new Column(kind, true, min, max, words);
        }
    }

    private record ImageRow(String type, int nextVersion, Set<Integer> versions) {
    }

    private int tableIndex = -1;
    private final List<String> tableOrder = new ArrayList<>(CatalogTransfer.TABLES.keySet());
    private int serverRows;
    private final Set<String> imageTypes = new HashSet<>();
    private final Map<String, ImageRow> images = new HashMap<>();
    private final Set<String> imageNames = new HashSet<>();
    private final Set<String> defaults = new HashSet<>();
    private final Set<String> typesWithImages = new HashSet<>();
    private final Map<String, Integer> applicationNextVersions = new HashMap<>();
    private final Set<String> applicationNames = new HashSet<>();
    private final Set<String> applicationsWithVersions = new HashSet<>();
    private final Set<String> applicationVersions = new HashSet<>();
    private long lastAuditId;

    /**
     * Checks one row of {@code table} against the rows before it.
     *
     * @return its values by column, in the order of {@link #columnsOf}: text, an Integer or Long, a
     *         Boolean, a LocalDateTime, or null
     */
    Map<String, Object> row(String table, JsonNode row) {
        int index = tableOrder.indexOf(table);
        if (index < 0) {
            throw new Bad("not a row of a catalog table");
        }
        if (index < tableIndex) {
            throw new Bad("a row of " + table + " after the rows of " + tableOrder.get(tableIndex)
                    + " (tables come parents first)");
        }
        tableIndex = index;
        Map<String, Object> values = values(table, row);
        switch (table) {
            case "IMAGE_SERVER" -> server(values);
            case "IMAGE_TYPE" -> imageType(values);
            case "IMAGE" -> image(values);
            case "IMAGE_VERSION" -> imageVersion(values);
            case "APPLICATION" -> application(values);
            case "APPLICATION_VERSION" -> applicationVersion(values);
            case "AUDIT_EVENT" -> auditEvent(values);
            default -> throw new IllegalStateException(table);
        }
        return values;
    }

    /** What must hold of the whole file once its last row is read. */
    void finish() {
        if (serverRows != 1) {
            throw new Bad("the file has " + serverRows + " IMAGE_SERVER rows; a catalog has exactly one");
        }
        if (!imageTypes.equals(TYPES)) {
            throw new Bad("the file has IMAGE_TYPE rows " + new TreeSet<>(imageTypes) + "; a catalog has exactly "
                    + new TreeSet<>(TYPES));
        }
        for (String type : typesWithImages) {
            if (!defaults.contains(type)) {
                throw new Bad("the " + type + " images have no default; a type with images has one");
            }
        }
        images.forEach((id, image) -> {
            if (image.versions().isEmpty()) {
                throw new Bad("image " + id + " has no version; every image keeps at least one");
            }
        });
        applicationNextVersions.keySet().forEach(id -> {
            if (!applicationsWithVersions.contains(id)) {
                throw new Bad("application " + id + " has no version; every application keeps at least one");
            }
        });
    }

    private void server(Map<String, Object> values) {
        serverRows++;
        String location = (String) values.get("LOCATION");
        if (location != null && !Secrets.redact(location).equals(location)) {
            throw new Bad("LOCATION holds a password; a password is never kept in the catalog");
        }
    }

    private void imageType(Map<String, Object> values) {
        String type = (String) values.get("TYPE");
        if (!imageTypes.add(type)) {
            throw new Bad("IMAGE_TYPE " + type + " appears twice");
        }
    }

    private void image(Map<String, Object> values) {
        String id = (String) values.get("ID");
        String name = (String) values.get("NAME");
        String type = (String) values.get("TYPE");
        String defaultOf = (String) values.get("DEFAULT_OF");
        if (images.containsKey(id)) {
            throw new Bad("image id " + id + " appears twice");
        }
        if (!imageNames.add(type + " " + name)) {
            throw new Bad("two " + type + " images are named " + name);
        }
        if (defaultOf != null) {
            if (!defaultOf.equals(type)) {
                throw new Bad("image " + name + " is a " + type + " image but the default of " + defaultOf);
            }
            if (!defaults.add(type)) {
                throw new Bad("image " + name + " is a second default of " + type + "; a type has one");
            }
        }
        typesWithImages.add(type);
        images.put(id, new ImageRow(type, (Integer) values.get("NEXT_VERSION"), new HashSet<>()));
    }

    private void imageVersion(Map<String, Object> values) {
        String imageId = (String) values.get("IMAGE_ID");
        int version = (Integer) values.get("VERSION");
        ImageRow image = images.get(imageId);
        if (image == null) {
            throw new Bad("a version of image " + imageId + ", which the file does not have");
        }
        if (version >= image.nextVersion()) {
            throw new Bad("version " + version + " of image " + imageId + " is not below its NEXT_VERSION "
                    + image.nextVersion() + "; the next version would take a number in use");
        }
        if (!image.versions().add(version)) {
            throw new Bad("version " + version + " of image " + imageId + " appears twice");
        }
    }

    private void application(Map<String, Object> values) {
        String id = (String) values.get("ID");
        String name = (String) values.get("NAME");
        if (applicationNextVersions.containsKey(id)) {
            throw new Bad("application id " + id + " appears twice");
        }
        if (!applicationNames.add(name)) {
            throw new Bad("two applications are named " + name);
        }
        applicationNextVersions.put(id, (Integer) values.get("NEXT_VERSION"));
    }

    private void applicationVersion(Map<String, Object> values) {
        String applicationId = (String) values.get("APPLICATION_ID");
        int version = (Integer) values.get("VERSION");
        String imageId = (String) values.get("IMAGE_ID");
        int imageVersion = (Integer) values.get("IMAGE_VERSION");
        Integer nextVersion = applicationNextVersions.get(applicationId);
        if (nextVersion == null) {
            throw new Bad("a version of application " + applicationId + ", which the file does not have");
        }
        if (version >= nextVersion) {
            throw new Bad("version " + version + " of application " + applicationId + " is not below its NEXT_VERSION "
                    + nextVersion + "; the next version would take a number in use");
        }
        if (!applicationVersions.add(applicationId + " " + version)) {
            throw new Bad("version " + version + " of application " + applicationId + " appears twice");
        }
        ImageRow image = images.get(imageId);
        if (image == null || !image.versions().contains(imageVersion)) {
            throw new Bad("application " + applicationId + " version " + version + " pins version " + imageVersion
                    + " of image " + imageId + ", which the file does not have");
        }
        applicationsWithVersions.add(applicationId);
    }

    private void auditEvent(Map<String, Object> values) {
        long id = (Long) values.get("ID");
        if (id <= lastAuditId) {
            throw new Bad("audit event " + id + " is not after event " + lastAuditId + " (events come in id order, each once)");
        }
        lastAuditId = id;
    }

    /**
     * The columns a file holds of the table: the facts, not what the database derives from them (an
     * image's stored counts and flags), which it derives again on import.
     */
    static Set<String> columnsOf(String table) {
        return COLUMNS.get(table).keySet();
    }

    /** The row's values by column, each checked against its column; every column the table needs present, no other. */
    private static Map<String, Object> values(String table, JsonNode row) {
        Map<String, Column> columns = COLUMNS.get(table);
        for (String name : row.propertyNames()) {
            if (!columns.containsKey(name)) {
                throw new Bad(table + " has no column " + Texts.abbreviate(name));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        columns.forEach((name, column) -> {
            JsonNode value = row.get(name);
            if (value == null || value.isNull()) {
                if (!column.nullable()) {
                    throw new Bad(table + " " + name + " is missing; it is never empty");
                }
                values.put(name, null);
            }
            else {
                values.put(name, value(table + " " + name, column, value));
            }
        });
        return values;
    }

    private static Object value(String where, Column column, JsonNode value) {
        return switch (column.kind()) {
            case TIME -> time(where, value);
            case FLAG -> {
                if (!value.isBoolean()) {
                    throw new Bad(where + " must be true or false");
                }
                yield value.booleanValue();
            }
            case NUMBER -> {
                if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < column.min()
                        || value.longValue() > column.max()) {
                    throw new Bad(where + " must be a whole number from " + column.min() + " to " + column.max());
                }
                yield column.max() <= Integer.MAX_VALUE ? (Object) value.intValue() : (Object) value.longValue();
            }
            default -> text(where, column, value);
        };
    }

    private static String text(String where, Column column, JsonNode value) {
        if (!value.isString()) {
            throw new Bad(where + " must be text");
        }
        String text = value.stringValue();
        switch (column.kind()) {
            case NAME -> {
                try {
                    Names.requireValid(where, text);
                }
                catch (RuntimeException e) {
                    throw new Bad(e.getMessage());
                }
            }
            case ID -> {
                if (!Xid.looksLikeId(text)) {
                    throw new Bad(where + " '" + Texts.abbreviate(text) + "' is not an id (" + Xid.LENGTH
                            + " characters 0-9 a-v)");
                }
            }
            case WORD -> {
                if (!column.words().contains(text)) {
                    throw new Bad(where + " '" + Texts.abbreviate(text) + "' is not one of " + column.words());
                }
            }
            case SHA256 -> {
                if (!SHA256.matcher(text).matches()) {
                    throw new Bad(where + " must be 64 lowercase hex characters");
                }
            }
            case PRINTABLE -> {
                requireLength(where, column, text);
                if (!Texts.visible(text).equals(text)) {
                    throw new Bad(where + " holds control or invisible characters: " + Texts.abbreviate(text));
                }
            }
            default -> requireLength(where, column, text);
        }
        return text;
    }

    private static LocalDateTime time(String where, JsonNode value) {
        if (!value.isString()) {
            throw new Bad(where + " must be text");
        }
        try {
            return LocalDateTime.parse(value.stringValue());
        }
        catch (DateTimeParseException e) {
            throw new Bad(where + " is not a time: " + Texts.abbreviate(value.stringValue()));
        }
    }

    private static void requireLength(String where, Column column, String text) {
        if (text.length() > column.max()) {
            throw new Bad(where + " is " + text.length() + " characters long; at most " + column.max() + " fit");
        }
    }

    private static Map<String, Map<String, Column>> columns() {
        Column time = Column.of(Kind.TIME);
        Column id = Column.of(Kind.ID);
        Column version = Column.number(0, Integer.MAX_VALUE);
        Map<String, Map<String, Column>> tables = new LinkedHashMap<>();
        tables.put("IMAGE_SERVER", table("ID", Column.number(1, 1),
                "LOCATION", Column.text(Kind.PRINTABLE, 4000).orNull(), "LAST_SYNC_AT", time.orNull()));
        tables.put("IMAGE_TYPE", table("TYPE", Column.word(TYPES), "CHANGES", Column.number(0, Long.MAX_VALUE / 2)));
        tables.put("IMAGE", table("ID", id, "NAME", Column.of(Kind.NAME), "TYPE", Column.word(TYPES),
                "ARCHITECTURE", Column.word(ARCHITECTURES), "STATUS", Column.word(STATUSES),
                "DEFAULT_OF", Column.word(TYPES).orNull(), "IMMUTABLE", Column.of(Kind.FLAG), "CREATED_AT", time,
                "NEXT_VERSION", version));
        tables.put("IMAGE_VERSION", table("IMAGE_ID", id, "VERSION", version, "SIZE", Column.number(0, Sizes.MAX_IMAGE_BYTES),
                "SHA256", Column.of(Kind.SHA256), "STATUS", Column.word(STATUSES),
                "RELEASE_NAME", Column.text(Kind.PRINTABLE, 100).orNull(), "CREATED_AT", time,
                "SOURCE", Column.text(Kind.PRINTABLE, 4000).orNull()));
        tables.put("APPLICATION", table("ID", id, "NAME", Column.of(Kind.NAME), "CREATED_AT", time,
                "NEXT_VERSION", version));
        tables.put("APPLICATION_VERSION", table("APPLICATION_ID", id, "VERSION", version, "IMAGE_ID", id,
                "IMAGE_VERSION", version, "CREATED_AT", time));
        tables.put("AUDIT_EVENT", table("ID", Column.number(1, MAX_AUDIT_ID), "OCCURRED_AT", time,
                "OS_USER", Column.text(Kind.TEXT, 100), "OS_PID", Column.number(1, Long.MAX_VALUE).orNull(), "ORIGIN", Column.text(Kind.TEXT, 1000),
                "COMMAND_TEXT", Column.text(Kind.TEXT, 4000), "OUTCOME", Column.word(OUTCOMES),
                "DETAIL", Column.text(Kind.TEXT, 32000), "DATABASE_USER", Column.text(Kind.TEXT, 128).orNull()));
        return tables;
    }

    private static Map<String, Column> table(Object... namesAndColumns) {
        Map<String, Column> columns = new LinkedHashMap<>();
        for (int i = 0; i < namesAndColumns.length; i += 2) {
            columns.put((String) namesAndColumns[i], (Column) namesAndColumns[i + 1]);
        }
        return columns;
    }

    private static Set<String> words(WireNamed[] values) {
        Set<String> words = new HashSet<>();
        Arrays.stream(values).forEach(value -> words.add(value.wireName()));
        return Set.copyOf(words);
    }
}
