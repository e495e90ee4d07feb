package dev.amsh.bench;

import dev.amsh.vocabulary.Xid;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Fills a catalog that amsh itself created (schema by its Liquibase changelog) with a
 * {@link CatalogShape}: far faster than thousands of {@code image add} commands, and the rows are
 * those amsh would have written, each image's stored counts among them. An embedded catalog gets
 * its images and versions by Derby's import procedure, which into an empty table builds every index
 * once by sorting instead of row by row (a million images with the listing's indexes would take
 * half an hour of batched inserts); PostgreSQL's by JDBC batch inserts.
 */
final class CatalogGenerator {

    private static final int BATCH_IMAGES = 1000;
    private static final List<String> IMAGE_COLUMNS = List.of("ID", "NAME", "TYPE", "ARCHITECTURE", "STATUS",
            "DEFAULT_OF", "IMMUTABLE", "CREATED_AT", "NEXT_VERSION", "VERSION_COUNT", "USED_BY_COUNT");
    private static final List<String> VERSION_COLUMNS = List.of("IMAGE_ID", "VERSION", "SIZE", "SHA256", "STATUS",
            "RELEASE_NAME", "SOURCE", "CREATED_AT");

    /** Where the rows of the two large tables go, images before their versions (the foreign key). */
    private interface Rows {
        void image(Object... values) throws SQLException;

        void version(Object... values) throws SQLException;

        /** A batch of images is complete (with their versions). */
        void flush() throws SQLException;
    }

    private final Random random = new Random(42);
    private final Timestamp createdAt = Timestamp.from(Instant.parse("2025-01-01T00:00:00Z"));
    private final CatalogShape shape;
    private final Rows rows;
    private int pendingImages;

    private CatalogGenerator(CatalogShape shape, Rows rows) {
        this.shape = shape;
        this.rows = rows;
    }

    /** Inserts the shape into the (empty, migrated) catalog in {@code catalogDirectory} and shuts its database down. */
    static void fill(Path catalogDirectory, CatalogShape shape) throws SQLException, IOException {
        String url = "jdbc:derby:" + catalogDirectory.resolve("db");
        Path images = catalogDirectory.resolve("generated-images.csv");
        Path versions = catalogDirectory.resolve("generated-versions.csv");
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            String[] pinnedIds;
            try (CsvRows csv = new CsvRows(images, versions)) {
                pinnedIds = new CatalogGenerator(shape, csv).insertImages();
            }
            importCsv(connection, "IMAGE", IMAGE_COLUMNS, images);
            importCsv(connection, "IMAGE_VERSION", VERSION_COLUMNS, versions);
            pinByApplications(connection, pinnedIds, shape);
            try (Statement statement = connection.createStatement()) {
                // The optimizer's row counts, as a catalog that grew slowly would have them.
                for (String table : List.of("IMAGE", "IMAGE_VERSION", "APPLICATION", "APPLICATION_VERSION")) {
                    statement.execute("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS('APP', '" + table + "', NULL)");
                }
            }
            connection.commit();
        }
        finally {
            Files.deleteIfExists(images);
            Files.deleteIfExists(versions);
        }
        shutDown(catalogDirectory);
    }

    /**
     * Inserts the shape through {@code connection}, whose catalog is empty and migrated and whose
     * tables it finds without a schema name, committing as it goes.
     */
    static void fill(Connection connection, CatalogShape shape) throws SQLException {
        connection.setAutoCommit(false);
        String[] pinnedIds;
        try (PreparedStatement images = connection.prepareStatement(insert("IMAGE", IMAGE_COLUMNS));
                PreparedStatement versions = connection.prepareStatement(insert("IMAGE_VERSION", VERSION_COLUMNS))) {
            pinnedIds = new CatalogGenerator(shape, new BatchRows(connection, images, versions)).insertImages();
        }
        pinByApplications(connection, pinnedIds, shape);
        connection.commit();
    }

    /** Shuts one embedded database down; Derby reports success as SQLState 08006. */
    static void shutDown(Path catalogDirectory) {
        try {
            DriverManager.getConnection("jdbc:derby:" + catalogDirectory.resolve("db") + ";shutdown=true").close();
        }
        catch (SQLException e) {
            if (!"08006".equals(e.getSQLState())) {
                throw new IllegalStateException("Derby did not shut down " + catalogDirectory, e);
            }
        }
    }

    /** Every image of the shape with its versions; returns the ids of the images applications are to pin. */
    private String[] insertImages() throws SQLException {
        image(CatalogShape.defaultName("container"), "container", "container", false, 0);
        image(CatalogShape.defaultName("vm"), "vm", "vm", false, 0);
        for (int i = 0; i < shape.plainImages(); i++) {
            image(CatalogShape.plainName(i), CatalogShape.plainType(i), null, false, 0);
            if (pendingImages >= BATCH_IMAGES) {
                flush();
            }
        }
        for (int i = 0; i < shape.protectedPerKind(); i++) {
            image(CatalogShape.immutableName(i), "container", null, true, 0);
        }
        String[] pinnedIds = new String[shape.protectedPerKind()];
        for (int i = 0; i < pinnedIds.length; i++) {
            // Pinned by one application each, once the images are in.
            pinnedIds[i] = image(CatalogShape.pinnedName(i), "container", null, false, 1);
        }
        flush();
        return pinnedIds;
    }

    private String image(String name, String type, String defaultOf, boolean immutable, int users) throws SQLException {
        String id = Xid.next();
        String architecture = random.nextInt(4) == 0 ? "aarch64" : "x86_64";
        rows.image(id, name, type, architecture, "available", defaultOf, immutable, createdAt,
                shape.versionsPerImage(), shape.versionsPerImage(), users);
        for (int version = 0; version < shape.versionsPerImage(); version++) {
            long size = 100_000_000L + random.nextInt(1_000_000_000);
            rows.version(id, version, size, sha256(), "available", immutable ? "1.24." + version : null,
                    immutable ? "https://images.example/" + name + "/" + version + ".tar.xz" : null, createdAt);
        }
        pendingImages++;
        return id;
    }

    private void flush() throws SQLException {
        rows.flush();
        pendingImages = 0;
    }

    /** One application per pinned image, its version 0 pinning the image's newest version. */
    private static void pinByApplications(Connection connection, String[] pinnedIds, CatalogShape shape)
            throws SQLException {
        Timestamp createdAt = Timestamp.from(Instant.parse("2025-01-01T00:00:00Z"));
        try (PreparedStatement application = connection.prepareStatement(
                "INSERT INTO APPLICATION (ID, NAME, CREATED_AT, NEXT_VERSION) VALUES (?, ?, ?, 1)");
                PreparedStatement pin = connection.prepareStatement("""
                        INSERT INTO APPLICATION_VERSION (APPLICATION_ID, VERSION, IMAGE_ID, IMAGE_VERSION, CREATED_AT)
                        VALUES (?, 0, ?, ?, ?)""")) {
            for (int i = 0; i < pinnedIds.length; i++) {
                String id = Xid.next();
                application.setString(1, id);
                application.setString(2, String.format("app-%05d", i));
                application.setTimestamp(3, createdAt);
                application.addBatch();
                pin.setString(1, id);
                pin.setString(2, pinnedIds[i]);
                pin.setInt(3, shape.versionsPerImage() - 1);
                pin.setTimestamp(4, createdAt);
                pin.addBatch();
            }
            application.executeBatch();
            pin.executeBatch();
        }
    }

    private static String insert(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }

    /** Derby's import of a file {@link CsvRows} wrote, in insert mode: into an empty table, a bulk insert. */
    private static void importCsv(Connection connection, String table, List<String> columns, Path file)
            throws SQLException {
        try (PreparedStatement call = connection.prepareStatement(
                "CALL SYSCS_UTIL.SYSCS_IMPORT_DATA(NULL, ?, ?, NULL, ?, NULL, NULL, 'UTF-8', 0)")) {
            call.setString(1, table);
            call.setString(2, String.join(",", columns));
            call.setString(3, file.toString());
            call.execute();
        }
    }

    private String sha256() {
        byte[] digest = new byte[32];
        random.nextBytes(digest);
        return HexFormat.of().formatHex(digest);
    }

    /** Rows as JDBC batches, a commit every batch to keep the log short. */
    private record BatchRows(Connection connection, PreparedStatement images, PreparedStatement versions)
            implements Rows {

        @Override
        public void image(Object... values) throws SQLException {
            add(images, values);
        }

        @Override
        public void version(Object... values) throws SQLException {
            add(versions, values);
        }

        @Override
        public void flush() throws SQLException {
            images.executeBatch();
            versions.executeBatch();
            connection.commit();
        }

        private static void add(PreparedStatement statement, Object[] values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.addBatch();
        }
    }

    /**
     * Rows as the files Derby's import reads: comma-separated, strings in double quotes (no generated
     * value holds one), a null as an empty field, a timestamp as Derby writes it.
     */
    private static final class CsvRows implements Rows, AutoCloseable {

        private final BufferedWriter images;
        private final BufferedWriter versions;

        CsvRows(Path imageFile, Path versionFile) throws IOException {
            images = Files.newBufferedWriter(imageFile, StandardCharsets.UTF_8);
            versions = Files.newBufferedWriter(versionFile, StandardCharsets.UTF_8);
        }

        @Override
        public void image(Object... values) {
            write(images, values);
        }

        @Override
        public void version(Object... values) {
            write(versions, values);
        }

        @Override
        public void flush() {
            // Derby imports each file whole, at the end.
        }

        private static void write(BufferedWriter file, Object[] values) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                line.append(i == 0 ? "" : ",");
                if (value instanceof String text) {
                    line.append('"').append(text).append('"');
                }
                else if (value instanceof Timestamp time) {
                    line.append('"').append(time).append('"');
                }
                else if (value != null) {
                    line.append(value);
                }
            }
            try {
                file.write(line.append('\n').toString());
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            try (versions) {
                images.close();
            }
        }
    }
}
