package dev.amsh.catalog;

import dev.amsh.support.PostgresServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A catalog on a real PostgreSQL server: amsh's own schema whatever the URL says, the fast schema
 * check, code amsh did not put there refused, and the schema's guards against plain SQL.
 */
class PostgresCatalogTest {

    PostgresServer server;
    String database;

    @BeforeEach
    void newDatabase() {
        server = PostgresServer.get();
        database = server.createDatabase();
    }

    private DataSource open(String url) {
        return new CatalogDataSourceConfiguration().dataSource(CatalogLocation.server(url),
                Optional.of(server.adminCredentials()), Duration.ofSeconds(30));
    }

    private DataSource open() {
        return open(server.url(database));
    }

    @Test
    void aWrongPasswordIsALoginFailureNotASchemaProblem() {
        CatalogCredentials wrong = new CatalogCredentials(server.adminCredentials().user(), "not-the-Pw-77c1");

        assertThatThrownBy(() -> PostgresCatalog.ensureSchema(
                PostgresCatalog.open(server.url(database), wrong, Duration.ofSeconds(30))))
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessageStartingWith("cannot log in to the catalog: ")
                .hasMessageContaining("password authentication failed")
                .hasMessageEndingWith("; check the user and the password")
                .hasMessageNotContaining("schema").hasMessageNotContaining(wrong.password());
    }

    @Test
    void theCatalogLivesInSchemaAmshWhateverSchemaTheUrlNames() {
        JdbcTemplate jdbc = new JdbcTemplate(open(server.url(database) + "?currentSchema=public"));

        assertThat(jdbc.queryForList("SELECT DISTINCT table_schema FROM information_schema.tables"
                + " WHERE table_name IN ('image', 'databasechangelog')", String.class)).containsExactly("amsh");
        assertThat(jdbc.queryForObject("SELECT current_schema()", String.class)).isEqualTo("amsh");
    }

    @Test
    void aCurrentCatalogOpensWithoutLiquibase() {
        open();
        // Were Liquibase started again, it would create its change log table anew.
        server.execute(database, "ALTER TABLE amsh.databasechangelog RENAME TO moved_changelog");

        JdbcTemplate jdbc = new JdbcTemplate(open());

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables"
                + " WHERE table_name = 'databasechangelog'", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM IMAGE_TYPE", Integer.class)).isEqualTo(2);
    }

    /** Completion's range scan, as ImageQueries asks it: an index serves it (the table is too small to prefer one). */
    @Test
    void namePrefixQueriesCanUseAnIndex() throws SQLException {
        DataSource dataSource = open();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = statement.executeQuery("EXPLAIN SELECT ID, NAME, TYPE FROM IMAGE"
                    + " WHERE NAME >= 'jam' AND NAME < 'jam\uffff' ORDER BY NAME, TYPE FETCH FIRST 50 ROWS ONLY")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            assertThat(plan.toString()).contains("Index Scan using image_name_per_type").doesNotContain("Sort");
        }
    }

    @Test
    void refusesAFunctionAmshDidNotCreate() {
        open();
        // Would be chosen over pg_catalog's upper(text) for a varchar argument.
        server.execute(database, "CREATE FUNCTION amsh.upper(varchar) RETURNS text LANGUAGE sql AS 'SELECT $1'");

        assertThatThrownBy(this::open).isInstanceOf(CatalogUnavailableException.class)
                .hasMessageContaining("function upper");
    }

    @Test
    void refusesAmshsFunctionWithAnotherBody() {
        open();
        server.execute(database, "CREATE OR REPLACE FUNCTION amsh.image_keeps_a_version() RETURNS trigger"
                + " LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$");

        assertThatThrownBy(this::open).isInstanceOf(CatalogUnavailableException.class)
                .hasMessageContaining("function image_keeps_a_version");
    }

    @Test
    void refusesATriggerAmshDidNotCreate() {
        open();
        server.execute(database, "CREATE TRIGGER audit_tamper AFTER INSERT ON amsh.audit_event"
                + " FOR EACH ROW EXECUTE FUNCTION amsh.image_keeps_a_version()");

        assertThatThrownBy(this::open).isInstanceOf(CatalogUnavailableException.class)
                .hasMessageContaining("trigger audit_tamper");
    }

    @Test
    void refusesARuleOnACatalogTable() {
        open();
        server.execute(database, "CREATE RULE keep_images AS ON DELETE TO amsh.image DO INSTEAD NOTHING");

        assertThatThrownBy(this::open).isInstanceOf(CatalogUnavailableException.class)
                .hasMessageContaining("rule keep_images");
    }

    @Test
    void plainSqlCannotLeaveAnImageWithoutAVersion() {
        open();
        insertImage("aaaaaaaaaaaaaaaaaaaa", "jammy", null);

        assertThatThrownBy(() -> server.execute(database,
                "DELETE FROM amsh.image_version WHERE image_id = 'aaaaaaaaaaaaaaaaaaaa'"))
                .hasMessageContaining("would be left without a version");
        assertThatThrownBy(() -> server.execute(database, "INSERT INTO amsh.image (ID, NAME, TYPE, ARCHITECTURE,"
                + " STATUS, IMMUTABLE, CREATED_AT, NEXT_VERSION) VALUES ('bbbbbbbbbbbbbbbbbbbb', 'bare', 'container',"
                + " 'x86_64', 'active', FALSE, CURRENT_TIMESTAMP, 0)"))
                .hasMessageContaining("would be left without a version");
        // The whole image, its versions with it, may go.
        server.execute(database, "DELETE FROM amsh.image WHERE id = 'aaaaaaaaaaaaaaaaaaaa'");
    }

    @Test
    void plainSqlCannotMakeASecondDefaultNorPinAMissingVersion() {
        open();
        insertImage("aaaaaaaaaaaaaaaaaaaa", "jammy", "container");

        assertThatThrownBy(() -> insertImage("bbbbbbbbbbbbbbbbbbbb", "focal", "container"))
                .hasMessageContaining("image_one_default_per_type");
        assertThatThrownBy(() -> server.execute(database, """
                INSERT INTO amsh.application (ID, NAME, CREATED_AT, NEXT_VERSION)
                    VALUES ('cccccccccccccccccccc', 'app', CURRENT_TIMESTAMP, 1);
                INSERT INTO amsh.application_version (APPLICATION_ID, VERSION, IMAGE_ID, IMAGE_VERSION, CREATED_AT)
                    VALUES ('cccccccccccccccccccc', 0, 'aaaaaaaaaaaaaaaaaaaa', 7, CURRENT_TIMESTAMP)"""))
                .hasMessageContaining("application_version_pins");
    }

    @Test
    void refusesACatalogWhoseGuardsAreSwitchedOffNamingTheRepair() {
        open();
        server.execute(database, "ALTER TABLE amsh.image DISABLE TRIGGER image_keeps_a_version");
        server.execute(database, "ALTER TABLE amsh.image_version DISABLE TRIGGER image_version_keeps_its_image");
        // With the guards off, plain SQL leaves an image without a version.
        server.execute(database, "INSERT INTO amsh.image (ID, NAME, TYPE, ARCHITECTURE, STATUS, DEFAULT_OF, IMMUTABLE,"
                + " CREATED_AT, NEXT_VERSION) VALUES ('bbbbbbbbbbbbbbbbbbbb', 'bare', 'vm', 'x86_64', 'active', 'vm',"
                + " FALSE, CURRENT_TIMESTAMP, 1)");

        assertThatThrownBy(this::open).isInstanceOf(CatalogUnavailableException.class)
                .hasMessageContaining("trigger image_keeps_a_version is disabled (repair: ALTER TABLE amsh.image"
                        + " ENABLE TRIGGER image_keeps_a_version)")
                .hasMessageContaining("trigger image_version_keeps_its_image is disabled (repair: ALTER TABLE"
                        + " amsh.image_version ENABLE TRIGGER image_version_keeps_its_image)")
                .hasMessageContaining("images without a version (bbbbbbbbbbbbbbbbbbbb; repair: DELETE FROM amsh.image");

        server.execute(database, "ALTER TABLE amsh.image ENABLE TRIGGER image_keeps_a_version");
        server.execute(database, "ALTER TABLE amsh.image_version ENABLE TRIGGER image_version_keeps_its_image");
        server.execute(database, "DELETE FROM amsh.image WHERE ID = 'bbbbbbbbbbbbbbbbbbbb'");
        assertThatCode(this::open).doesNotThrowAnyException();
    }

    @Test
    void refusesACatalogWithoutItsGuardTrigger() {
        open();
        server.execute(database, "DROP TRIGGER image_version_keeps_its_image ON amsh.image_version");

        assertThatThrownBy(this::open).isInstanceOf(CatalogUnavailableException.class)
                .hasMessageContaining("trigger image_version_keeps_its_image is missing (repair: CREATE CONSTRAINT TRIGGER"
                        + " image_version_keeps_its_image AFTER DELETE OR UPDATE OF image_id ON amsh.image_version");
    }

    @Test
    void refusesATypeWithImagesAndNoDefaultAndANextVersionInUseThenOpensOnceRepaired() {
        open();
        insertImage("cccccccccccccccccccc", "jammy", null);
        server.execute(database, "UPDATE amsh.image SET next_version = 0");

        assertThatThrownBy(this::open).isInstanceOf(CatalogUnavailableException.class)
                .hasMessageContaining("the container images have no default (repair: UPDATE amsh.image SET default_of = type"
                        + " WHERE id = 'cccccccccccccccccccc')")
                .hasMessageContaining("images whose next version number is in use (cccccccccccccccccccc; repair: UPDATE");

        server.execute(database, "UPDATE amsh.image SET default_of = type WHERE id = 'cccccccccccccccccccc'");
        server.execute(database, "UPDATE amsh.image i SET next_version = (SELECT MAX(v.version) + 1 FROM"
                + " amsh.image_version v WHERE v.image_id = i.id) WHERE next_version <= (SELECT MAX(v.version) FROM"
                + " amsh.image_version v WHERE v.image_id = i.id)");
        assertThatCode(this::open).doesNotThrowAnyException();
    }

    private void insertImage(String id, String name, String defaultOf) {
        server.execute(database, "BEGIN; INSERT INTO amsh.image (ID, NAME, TYPE, ARCHITECTURE, STATUS, DEFAULT_OF,"
                + " IMMUTABLE, CREATED_AT, NEXT_VERSION) VALUES ('" + id + "', '" + name + "', 'container', 'x86_64',"
                + " 'active', " + (defaultOf == null ? "NULL" : "'" + defaultOf + "'") + ", FALSE, CURRENT_TIMESTAMP, 1);"
                + " INSERT INTO amsh.image_version (IMAGE_ID, VERSION, SIZE, SHA256, STATUS, CREATED_AT) VALUES ('"
                + id + "', 0, 1, '" + "ab".repeat(32) + "', 'active', CURRENT_TIMESTAMP); COMMIT");
    }
}
