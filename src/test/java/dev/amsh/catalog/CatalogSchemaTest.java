package dev.amsh.catalog;

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
