package dev.amsh.bench;

import dev.amsh.vocabulary.Xid;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Fills a catalog that amsh itself created (schema by its Liquibase changelog) with a
 * {@link CatalogShape}, by JDBC batch inserts (through the embedded Derby driver, or PostgreSQL's):
 * far faster than thousands of {@code image add} commands, and the rows are those amsh would have
 * written, each image's stored counts among them.
 */
final class CatalogGenerator {

    private static final int BATCH_IMAGES = 1000;
    private static final String INSERT_IMAGE = """
            INSERT INTO IMAGE (ID, NAME, TYPE, ARCHITECTURE, STATUS, DEFAULT_OF, IMMUTABLE, CREATED_AT, NEXT_VERSION,
                VERSION_COUNT, USED_BY_COUNT)
            VALUES (?, ?, ?, ?, 'available', ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_VERSION = """
            INSERT INTO IMAGE_VERSION (IMAGE_ID, VERSION, SIZE, SHA256, STATUS, RELEASE_NAME, SOURCE, CREATED_AT)
            VALUES (?, ?, ?, ?, 'available', ?, ?, ?)""";

    private final Random random = new Random(42);
    private final Timestamp createdAt = Timestamp.from(Instant.parse("2025-01-01T00:00:00Z"));
    private final CatalogShape shape;
    private PreparedStatement images;
    private PreparedStatement versions;
    private int pendingImages;

    private CatalogGenerator(CatalogShape shape) {
        this.shape = shape;
    }

    /** Inserts the shape into the (empty, migrated) catalog in {@code catalogDirectory} and shuts its database down. */
    static void fill(Path catalogDirectory, CatalogShape shape) throws SQLException {
        String url = "jdbc:derby:" + catalogDirectory.resolve("db");
        try (Connection connection = DriverManager.getConnection(url)) {
            fill(connection, shape);
            try (Statement statement = connection.createStatement()) {
                // The optimizer's row counts, as a catalog that grew slowly would have them.
                for (String table : List.of("IMAGE", "IMAGE_VERSION", "APPLICATION", "APPLICATION_VERSION")) {
                    statement.execute("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS('APP', '" + table + "', NULL)");
                }
            }
            connection.commit();
        }
        shutDown(catalogDirectory);
    }

    /**
     * Inserts the shape through {@code connection}, whose catalog is empty and migrated and whose
     * tables it finds without a schema name, committing as it goes.
     */
    static void fill(Connection connection, CatalogShape shape) throws SQLException {
        connection.setAutoCommit(false);
        new CatalogGenerator(shape).insertAll(connection);
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

    private void insertAll(Connection connection) throws SQLException {
        try (PreparedStatement imageInsert = connection.prepareStatement(INSERT_IMAGE);
                PreparedStatement versionInsert = connection.prepareStatement(INSERT_VERSION)) {
            images = imageInsert;
            versions = versionInsert;
            image(CatalogShape.defaultName("container"), "container", "container", false, 0);
            image(CatalogShape.defaultName("vm"), "vm", "vm", false, 0);
            for (int i = 0; i < shape.plainImages(); i++) {
                image(CatalogShape.plainName(i), CatalogShape.plainType(i), null, false, 0);
                if (pendingImages >= BATCH_IMAGES) {
                    flush(connection);
                }
            }
            for (int i = 0; i < shape.protectedPerKind(); i++) {
                image(CatalogShape.immutableName(i), "container", null, true, 0);
            }
            String[] pinnedIds = new String[shape.protectedPerKind()];
            for (int i = 0; i < pinnedIds.length; i++) {
                // Pinned below by one application each.
                pinnedIds[i] = image(CatalogShape.pinnedName(i), "container", null, false, 1);
            }
            flush(connection);
            pinByApplications(connection, pinnedIds);
        }
    }

    private String image(String name, String type, String defaultOf, boolean immutable, int users) throws SQLException {
        String id = Xid.next();
        images.setString(1, id);
        images.setString(2, name);
        images.setString(3, type);
        images.setString(4, random.nextInt(4) == 0 ? "aarch64" : "x86_64");
        images.setString(5, defaultOf);
        images.setBoolean(6, immutable);
        images.setTimestamp(7, createdAt);
        images.setInt(8, shape.versionsPerImage());
        images.setInt(9, shape.versionsPerImage());
        images.setInt(10, users);
        images.addBatch();
        for (int version = 0; version < shape.versionsPerImage(); version++) {
            versions.setString(1, id);
            versions.setInt(2, version);
            versions.setLong(3, 100_000_000L + random.nextInt(1_000_000_000));
            versions.setString(4, sha256());
            versions.setString(5, immutable ? "1.24." + version : null);
            versions.setString(6, immutable ? "https://images.example/" + name + "/" + version + ".tar.xz" : null);
            versions.setTimestamp(7, createdAt);
            versions.addBatch();
        }
        pendingImages++;
        return id;
    }

    /** Images before their versions (the foreign key), a commit every batch to keep the log short. */
    private void flush(Connection connection) throws SQLException {
        images.executeBatch();
        versions.executeBatch();
        connection.commit();
        pendingImages = 0;
    }

    /** One application per pinned image, its version 0 pinning the image's newest version. */
    private void pinByApplications(Connection connection, String[] pinnedIds) throws SQLException {
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

    private String sha256() {
        byte[] digest = new byte[32];
        random.nextBytes(digest);
        return HexFormat.of().formatHex(digest);
    }
}
