package dev.amsh.catalog;

import liquibase.integration.spring.SpringLiquibase;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;

/**
 * Brings a catalog's schema up to the Liquibase changelog packaged with amsh. Liquibase does all
 * the migrating, but starting it costs seconds even with nothing to apply, so it runs only when
 * the changelog's checksum differs from the one the catalog recorded after its last migration.
 */
public final class CatalogSchema {

    /** The schema that holds the catalog, whoever connects: never the user's default. */
    public static final String SCHEMA = "APP";
    static final String CHANGELOG = "classpath:db-changelog/changelog.yaml";
    static final String CHANGELOG_FILES = "classpath:db-changelog/*";

    private CatalogSchema() {
    }

    /** Migrates the embedded Derby catalog if its schema is not the one this amsh was built with. */
    public static void ensureCurrent(DataSource dataSource) {
        ensureCurrent(dataSource, CatalogEngine.DERBY);
    }

    /** Migrates the catalog if its schema is not the one this amsh was built with. */
    public static void ensureCurrent(DataSource dataSource, CatalogEngine engine) {
        String wanted = changelogChecksum();
        if (wanted.equals(appliedChecksum(dataSource))) {
            return;
        }
        migrate(dataSource, engine);
        record(dataSource, wanted);
    }

    /** SHA-256 over every changelog file, in name order. */
    static String changelogChecksum() {
        return checksumOf(CHANGELOG_FILES);
    }

    /** SHA-256 over the names and contents of the files {@code locationPattern} matches, in name order. */
    static String checksumOf(String locationPattern) {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver(CatalogSchema.class.getClassLoader())
                    .getResources(locationPattern);
            Arrays.sort(files, Comparator.comparing(Resource::getFilename));
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (Resource file : files) {
                sha256.update(file.getFilename().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try (InputStream in = file.getInputStream()) {
                    sha256.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(sha256.digest());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged changelog", e);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The recorded checksum, or null for a new catalog or one from before the record existed. */
    static String appliedChecksum(DataSource dataSource) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        }
        catch (SQLException e) {
            throw new CatalogUnavailableException("cannot connect: " + firstLine(e));
        }
        try (connection;
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT CHANGELOG_CHECKSUM FROM CATALOG_SCHEMA WHERE ID = 1")) {
            return row.next() ? row.getString(1) : null;
        }
        catch (SQLException noTableYet) {
            return null;
        }
    }

    /** The innermost cause's first line: Liquibase and JDBC wrap the one sentence an operator needs. */
    static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }

    private static void migrate(DataSource dataSource, CatalogEngine engine) {
        // Liquibase would otherwise try to send usage analytics, costing up to half a second.
        System.setProperty("liquibase.analytics.enabled", "false");
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog(CHANGELOG);
        // Liquibase's own tables beside the catalog's, in amsh's schema for that database.
        String schema = engine == CatalogEngine.POSTGRESQL ? PostgresCatalog.SCHEMA : SCHEMA;
        liquibase.setDefaultSchema(schema);
        liquibase.setLiquibaseSchema(schema);
        liquibase.setResourceLoader(new DefaultResourceLoader(CatalogSchema.class.getClassLoader()));
        try {
            liquibase.afterPropertiesSet();
        }
        catch (Exception e) {
            throw new CatalogUnavailableException("cannot bring the catalog schema up to date: " + firstLine(e));
        }
    }

    private static void record(DataSource dataSource, String checksum) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement clear = connection.createStatement();
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO CATALOG_SCHEMA (ID, CHANGELOG_CHECKSUM, APPLIED_AT) VALUES (1, ?, ?)")) {
                clear.executeUpdate("DELETE FROM CATALOG_SCHEMA");
                insert.setString(1, checksum);
                insert.setTimestamp(2, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            connection.commit();
        }
        catch (SQLException e) {
            throw new CatalogUnavailableException("cannot record the catalog schema version: " + firstLine(e));
        }
    }
}
