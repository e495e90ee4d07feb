package dev.amsh.catalog;

import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Liquibase migrates a new or outdated catalog, and is not started at all for a current one. */
class CatalogSchemaTest {

    @TempDir
    Path catalog;

    DriverManagerDataSource dataSource;
    JdbcTemplate jdbc;

    @BeforeEach
    void openCatalog() {
        dataSource = new DriverManagerDataSource("jdbc:derby:" + catalog.resolve("db") + ";create=true");
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterEach
    void shutDown() {
        try {
            DriverManager.getConnection("jdbc:derby:" + catalog.resolve("db") + ";shutdown=true").close();
        }
        catch (SQLException expected) {
            // 08006: Derby reports a clean shutdown as an exception
        }
    }

    @Test
    void aNewCatalogIsMigratedAndRecordsTheChangelogChecksum() {
        CatalogSchema.ensureCurrent(dataSource);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM IMAGE_TYPE", Integer.class)).isEqualTo(2);
        assertThat(CatalogSchema.appliedChecksum(dataSource)).isEqualTo(CatalogSchema.changelogChecksum());
    }

    @Test
    void aCurrentCatalogDoesNotStartLiquibase() {
        CatalogSchema.ensureCurrent(dataSource);
        // Were Liquibase started, it would create its change log table again.
        jdbc.execute("RENAME TABLE DATABASECHANGELOG TO MOVED_CHANGELOG");

        CatalogSchema.ensureCurrent(dataSource);

        assertThat(tableExists("DATABASECHANGELOG")).isFalse();
    }

    @Test
    void aCatalogWithAnotherChecksumIsBroughtUpToDateAgain() {
        CatalogSchema.ensureCurrent(dataSource);
        jdbc.update("UPDATE CATALOG_SCHEMA SET CHANGELOG_CHECKSUM = ?", "0".repeat(64));

        CatalogSchema.ensureCurrent(dataSource);

        assertThat(CatalogSchema.appliedChecksum(dataSource)).isEqualTo(CatalogSchema.changelogChecksum());
    }

    @Test
    void aCatalogFromBeforeALaterChangeSetGetsIt() {
        CatalogSchema.ensureCurrent(dataSource);
        // As a catalog made by an amsh whose changelog ended before 003.
        jdbc.execute("DROP TABLE CATALOG_SCHEMA");
        jdbc.update("DELETE FROM DATABASECHANGELOG WHERE ID = '003-catalog-schema'");

        CatalogSchema.ensureCurrent(dataSource);

        assertThat(tableExists("CATALOG_SCHEMA")).isTrue();
        assertThat(CatalogSchema.appliedChecksum(dataSource)).isEqualTo(CatalogSchema.changelogChecksum());
    }

    @Test
    void aCatalogFromBeforeVersionStatusesGetsThemFromWhatWasChecked() {
        CatalogSchema.ensureCurrent(dataSource);
        // As a catalog made by an amsh whose changelog ended before 004: every version 'available'.
        image("aaaaaaaaaaaaaaaaaaaa", "local", false, "available", 2);
        image("bbbbbbbbbbbbbbbbbbbb", "checked", true, "active", 2);
        image("cccccccccccccccccccc", "mismatched", true, "error", 1);
        image("dddddddddddddddddddd", "unchecked", true, "available", 1);
        jdbc.update("DELETE FROM DATABASECHANGELOG WHERE ID = '004-version-statuses'");
        jdbc.update("UPDATE CATALOG_SCHEMA SET CHANGELOG_CHECKSUM = ?", "0".repeat(64));

        CatalogSchema.ensureCurrent(dataSource);

        assertThat(jdbc.query("""
                SELECT I.NAME, I.STATUS, V.VERSION, V.STATUS FROM IMAGE I JOIN IMAGE_VERSION V ON V.IMAGE_ID = I.ID
                ORDER BY I.ID, V.VERSION""", (rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3)
                + " " + rs.getString(4)))
                .containsExactly("local active 0 active", "local active 1 active",
                        "checked active 0 available", "checked active 1 active",
                        "mismatched error 0 error",
                        "unchecked available 0 available");
    }

    @Test
    void aCatalogWithDataFromBeforeTheAuditUserAndTheGuardsGetsThem() {
        CatalogSchema.ensureCurrent(dataSource);
        // As a catalog made by an amsh whose changelog ended before 005, with what such an amsh wrote.
        jdbc.execute("ALTER TABLE AUDIT_EVENT DROP COLUMN DATABASE_USER");
        for (String guard : List.of("IMAGE STATUS_KNOWN", "IMAGE_VERSION STATUS_KNOWN", "IMAGE NEXT_VERSION_NOT_NEGATIVE",
                "IMAGE NAME_NOT_EMPTY", "APPLICATION NEXT_VERSION_NOT_NEGATIVE", "APPLICATION NAME_NOT_EMPTY",
                "APPLICATION_VERSION NOT_NEGATIVE", "AUDIT_EVENT OUTCOME_KNOWN")) {
            String table = guard.substring(0, guard.indexOf(' '));
            jdbc.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + table + "_" + guard.substring(guard.indexOf(' ') + 1));
        }
        jdbc.update("DELETE FROM DATABASECHANGELOG WHERE ID IN ('005-audit-database-user', '006-schema-guards')");
        jdbc.update("UPDATE CATALOG_SCHEMA SET CHANGELOG_CHECKSUM = ?", "0".repeat(64));
        image("aaaaaaaaaaaaaaaaaaaa", "local", false, "active", 2);
        image("bbbbbbbbbbbbbbbbbbbb", "synced", true, "available", 1);
        jdbc.update("INSERT INTO APPLICATION (ID, NAME, CREATED_AT, NEXT_VERSION) VALUES (?, 'app', CURRENT_TIMESTAMP, 1)",
                "cccccccccccccccccccc");
        jdbc.update("""
                INSERT INTO APPLICATION_VERSION (APPLICATION_ID, VERSION, IMAGE_ID, IMAGE_VERSION, CREATED_AT)
                VALUES ('cccccccccccccccccccc', 0, 'aaaaaaaaaaaaaaaaaaaa', 1, CURRENT_TIMESTAMP)""");
        for (String outcome : List.of("done", "refused", "failed")) {
            jdbc.update("INSERT INTO AUDIT_EVENT (OCCURRED_AT, OS_USER, ORIGIN, COMMAND_TEXT, OUTCOME, DETAIL)"
                    + " VALUES (CURRENT_TIMESTAMP, 'alice', 'one-shot', 'x', ?, '')", outcome);
        }

        CatalogSchema.ensureCurrent(dataSource);

        assertThat(CatalogSchema.appliedChecksum(dataSource)).isEqualTo(CatalogSchema.changelogChecksum());
        assertThat(jdbc.queryForList("SELECT DATABASE_USER FROM AUDIT_EVENT", String.class))
                .as("nobody knows who made the older events").containsOnlyNulls().hasSize(3);
        jdbc.update("INSERT INTO AUDIT_EVENT (OCCURRED_AT, OS_USER, ORIGIN, COMMAND_TEXT, OUTCOME, DETAIL)"
                + " VALUES (CURRENT_TIMESTAMP, 'alice', 'one-shot', 'y', 'done', '')");
        assertThat(jdbc.queryForObject("SELECT DATABASE_USER FROM AUDIT_EVENT WHERE COMMAND_TEXT = 'y'", String.class))
                .isEqualTo("APP");
    }

    private void image(String id, String name, boolean immutable, String status, int versions) {
        jdbc.update("""
                INSERT INTO IMAGE (ID, NAME, TYPE, ARCHITECTURE, STATUS, IMMUTABLE, CREATED_AT, NEXT_VERSION)
                VALUES (?, ?, 'container', 'x86_64', ?, ?, CURRENT_TIMESTAMP, ?)""", id, name, status, immutable,
                versions);
        for (int version = 0; version < versions; version++) {
            jdbc.update("""
                    INSERT INTO IMAGE_VERSION (IMAGE_ID, VERSION, SIZE, SHA256, STATUS, CREATED_AT)
                    VALUES (?, ?, 1, ?, 'available', CURRENT_TIMESTAMP)""", id, version, "ab".repeat(32));
        }
    }

    @Test
    void aCatalogMadeBeforeThePostgresqlChangeSetsOpensWithNoChangeSetRunAgain() throws Exception {
        // As the amsh before them made it: Liquibase with that changelog, its checksum recorded.
        SpringLiquibase before = new SpringLiquibase();
        before.setDataSource(dataSource);
        before.setChangeLog("classpath:db-changelog-before-postgresql/changelog.yaml");
        before.afterPropertiesSet();
        jdbc.update("INSERT INTO CATALOG_SCHEMA (ID, CHANGELOG_CHECKSUM, APPLIED_AT) VALUES (1, ?, CURRENT_TIMESTAMP)",
                "0".repeat(64));
        String applied = "SELECT ID, FILENAME, MD5SUM, DATEEXECUTED, EXECTYPE FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED";
        List<Map<String, Object>> appliedBefore = jdbc.queryForList(applied);
        image("aaaaaaaaaaaaaaaaaaaa", "local", false, "active", 3);
        image("bbbbbbbbbbbbbbbbbbbb", "synced", true, "available", 1);
        jdbc.update("INSERT INTO APPLICATION (ID, NAME, CREATED_AT, NEXT_VERSION) VALUES (?, 'app', CURRENT_TIMESTAMP, 2)",
                "cccccccccccccccccccc");
        jdbc.update("""
                INSERT INTO APPLICATION_VERSION (APPLICATION_ID, VERSION, IMAGE_ID, IMAGE_VERSION, CREATED_AT)
                VALUES ('cccccccccccccccccccc', 0, 'aaaaaaaaaaaaaaaaaaaa', 1, CURRENT_TIMESTAMP),
                       ('cccccccccccccccccccc', 1, 'aaaaaaaaaaaaaaaaaaaa', 2, CURRENT_TIMESTAMP)""");

        CatalogSchema.ensureCurrent(dataSource);

        // The counts the listing sorts by start from the rows already there.
        assertThat(jdbc.queryForList("SELECT NAME || ' ' || CAST(VERSION_COUNT AS CHAR(3)) || CAST(USED_BY_COUNT AS CHAR(3))"
                + " FROM IMAGE ORDER BY NAME", String.class)).containsExactly("local 3  1  ", "synced 1  0  ");

        // What ran before is untouched; only the change sets written since then (Derby's, not PostgreSQL's) run.
        List<Map<String, Object>> appliedAfter = jdbc.queryForList(applied);
        assertThat(appliedAfter.subList(0, appliedBefore.size())).isEqualTo(appliedBefore);
        assertThat(appliedAfter.subList(appliedBefore.size(), appliedAfter.size())).extracting(row -> row.get("ID"))
                .containsExactly("005-audit-database-user", "006-schema-guards", "007-audit-interrupted",
                        "008-audit-process", "009-stored-counts", "009-listing-flags-derby", "009-listing-indexes",
                        "009-listing-indexes-descending");
        assertThat(CatalogSchema.appliedChecksum(dataSource)).isEqualTo(CatalogSchema.changelogChecksum());
    }

    @Test
    void theChecksumCoversEveryChangelogFile(@TempDir Path copy) throws IOException {
        assertThat(CatalogSchema.changelogChecksum()).matches("[0-9a-f]{64}");
        Resource[] packaged = new PathMatchingResourcePatternResolver().getResources(CatalogSchema.CHANGELOG_FILES);
        for (Resource file : packaged) {
            try (InputStream in = file.getInputStream()) {
                Files.write(copy.resolve(file.getFilename()), in.readAllBytes());
            }
        }
        String copied = CatalogSchema.checksumOf(copy.toUri() + "*");
        assertThat(copied).as("checksum of an unchanged copy").isEqualTo(CatalogSchema.changelogChecksum());

        assertThat(packaged).as("changelog files").hasSizeGreaterThan(1);
        for (Resource file : packaged) {
            Path altered = copy.resolve(file.getFilename());
            byte[] original = Files.readAllBytes(altered);
            Files.writeString(altered, "-- a change\n", StandardOpenOption.APPEND);
            assertThat(CatalogSchema.checksumOf(copy.toUri() + "*")).as("checksum with %s changed", altered.getFileName())
                    .isNotEqualTo(copied);
            Files.write(altered, original);
        }
        assertThat(CatalogSchema.checksumOf(copy.toUri() + "*")).as("checksum with every file restored").isEqualTo(copied);
    }

    private boolean tableExists(String name) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM SYS.SYSTABLES WHERE TABLENAME = ?", Integer.class, name) == 1;
    }
}
