package dev.amsh.catalog;

import dev.amsh.image.model.ImageType;
import dev.amsh.support.CatalogBackend;
import dev.amsh.support.CatalogFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image's stored counts follow its rows whoever writes them: statements of many rows, the
 * cascades of a delete, a pin moved from one image to another, in SQL as a direct session would
 * write it, on each database a catalog can live in. (The model and concurrency tests check them
 * after every operation of the services.)
 */
@ParameterizedClass
@EnumSource(value = CatalogBackend.class, names = {"EMBEDDED_DERBY", "DERBY_NETWORK", "POSTGRESQL"})
class StoredCountsTest {

    @Parameter
    CatalogBackend backend;

    JdbcTemplate jdbc;
    CatalogInvariants invariants;
    TransactionTemplate transaction;

    @BeforeEach
    void emptyCatalog() {
        CatalogFixture catalog = backend.bean(CatalogFixture.class);
        catalog.reset();
        jdbc = catalog.jdbc();
        invariants = new CatalogInvariants(jdbc);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    @Test
    void countsFollowStatementsOfManyRowsCascadesAndMoves() {
        String jammy = invariants.insertImmutable("jammy", ImageType.CONTAINER, true, 3);
        String noble = invariants.insertImmutable("noble", ImageType.CONTAINER, false, 1);
        assertThat(counts(jammy)).isEqualTo("3 0");

        jdbc.update("INSERT INTO APPLICATION (ID, NAME, CREATED_AT, NEXT_VERSION) VALUES"
                + " ('app1aaaaaaaaaaaaaaa', 'app1', CURRENT_TIMESTAMP, 3), ('app2aaaaaaaaaaaaaaa', 'app2', CURRENT_TIMESTAMP, 1)");
        // Three pins in one statement, two of them one application's: two users.
        jdbc.update("""
                INSERT INTO APPLICATION_VERSION (APPLICATION_ID, VERSION, IMAGE_ID, IMAGE_VERSION, CREATED_AT) VALUES
                ('app1aaaaaaaaaaaaaaa', 0, ?, 0, CURRENT_TIMESTAMP), ('app1aaaaaaaaaaaaaaa', 1, ?, 1, CURRENT_TIMESTAMP),
                ('app2aaaaaaaaaaaaaaa', 0, ?, 2, CURRENT_TIMESTAMP)""", jammy, jammy, jammy);
        assertThat(counts(jammy)).isEqualTo("3 2");
        invariants.assertStateHolds();

        // One of app1's pins moves to noble: app1 uses both images.
        jdbc.update("UPDATE APPLICATION_VERSION SET IMAGE_ID = ?, IMAGE_VERSION = 0 WHERE APPLICATION_ID = 'app1aaaaaaaaaaaaaaa'"
                + " AND VERSION = 1", noble);
        assertThat(counts(jammy)).isEqualTo("3 2");
        assertThat(counts(noble)).isEqualTo("1 1");

        // An application deleted takes its pins with it (a cascade).
        jdbc.update("DELETE FROM APPLICATION WHERE ID = 'app1aaaaaaaaaaaaaaa'");
        assertThat(counts(jammy)).isEqualTo("3 1");
        assertThat(counts(noble)).isEqualTo("1 0");

        // Versions deleted several at once, then added several at once.
        jdbc.update("DELETE FROM APPLICATION_VERSION");
        jdbc.update("DELETE FROM IMAGE_VERSION WHERE IMAGE_ID = ? AND VERSION < 2", jammy);
        assertThat(counts(jammy)).isEqualTo("1 0");
        jdbc.update("""
                INSERT INTO IMAGE_VERSION (IMAGE_ID, VERSION, SIZE, SHA256, STATUS, CREATED_AT) VALUES
                (?, 5, 1, ?, 'active', CURRENT_TIMESTAMP), (?, 6, 1, ?, 'active', CURRENT_TIMESTAMP)""",
                jammy, "ab".repeat(32), jammy, "ab".repeat(32));
        jdbc.update("UPDATE IMAGE SET NEXT_VERSION = 7 WHERE ID = ?", jammy);
        assertThat(counts(jammy)).isEqualTo("3 0");
        invariants.assertStateHolds();

        // A version moved from one image to another, in a transaction that leaves each with a version.
        transaction.executeWithoutResult(status -> {
            jdbc.update("UPDATE IMAGE_VERSION SET IMAGE_ID = ?, VERSION = 9 WHERE IMAGE_ID = ? AND VERSION = 6", noble, jammy);
            jdbc.update("UPDATE IMAGE SET NEXT_VERSION = 10 WHERE ID = ?", noble);
        });
        assertThat(counts(jammy)).isEqualTo("2 0");
        assertThat(counts(noble)).isEqualTo("2 0");

        // An image deleted whole, its versions by the cascade.
        jdbc.update("DELETE FROM IMAGE WHERE ID = ?", noble);
        assertThat(counts(jammy)).isEqualTo("2 0");
        invariants.assertStateHolds();
    }

    private String counts(String imageId) {
        return jdbc.queryForObject("SELECT VERSION_COUNT, USED_BY_COUNT FROM IMAGE WHERE ID = ?",
                (rs, row) -> rs.getInt(1) + " " + rs.getInt(2), imageId);
    }
}
