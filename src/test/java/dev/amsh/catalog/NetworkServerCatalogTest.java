package dev.amsh.catalog;

import dev.amsh.support.AuthenticatedDerbyServer;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.ShellHarness.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static dev.amsh.support.AuthenticatedDerbyServer.CLERK;
import static dev.amsh.support.AuthenticatedDerbyServer.OPERATOR;
import static dev.amsh.support.AuthenticatedDerbyServer.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A shared catalog on a Derby network server on 127.0.0.1 with authentication and SQL
 * authorization on: sessions, each its own amsh context with its own connections, see each
 * other's changes, the rules hold across them, and the database refuses what a user was not granted.
 */
class NetworkServerCatalogTest {

    @TempDir
    static Path serverHome;

    static AuthenticatedDerbyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = AuthenticatedDerbyServer.start(serverHome);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void twoSessionsShareTheCatalogAndItsRules() throws Exception {
        try (ConfigurableApplicationContext first = server.session(OWNER);
                ConfigurableApplicationContext second = server.session(OPERATOR)) {
            String file = CatalogFixture.imageFile(64).toString();

            assertThat(run(first, "image add base " + file).exitCode()).isZero();
            assertThat(run(first, "application create app1 --image base").exitCode()).isZero();

            Result refused = run(second, "image delete base --yes");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("D7 in use").contains("app1");

            assertThat(run(second, "application delete app1 --yes").exitCode()).isZero();
            Result removed = run(first, "image delete base --yes");
            assertThat(removed.exitCode()).isZero();
            assertThat(removed.out()).contains("removed base: version 0 (64 B)");
        }
    }

    @Test
    void aUserNameNeverSelectsAnotherSchema() throws Exception {
        try (ConfigurableApplicationContext operator = server.session(OPERATOR);
                ConfigurableApplicationContext owner = server.session(OWNER)) {
            assertThat(run(operator, "image add shared " + CatalogFixture.imageFile(64)).exitCode()).isZero();

            Result seen = run(owner, "image list");
            assertThat(seen.exitCode()).isZero();
            assertThat(seen.out()).contains("shared");
        }
        try (Connection connection = server.connect(OPERATOR);
                ResultSet tables = connection.getMetaData().getTables(null, null, "IMAGE", null)) {
            assertThat(tables.next()).isTrue();
            assertThat(tables.getString("TABLE_SCHEM")).isEqualTo(CatalogSchema.SCHEMA);
            assertThat(tables.next()).as("no second catalog in another schema").isFalse();
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithoutEchoingIt() {
        CatalogCredentials wrong = new CatalogCredentials(OPERATOR.user(), "not-the-Pw-5e1b");

        assertThatThrownBy(() -> server.session(wrong).close())
                .rootCause().isInstanceOf(CatalogUnavailableException.class)
                .hasMessageContaining("authentication")
                .hasMessageNotContaining(wrong.password());
    }

    @Test
    void directSqlFromAUserWithoutGrantsIsRefusedByTheDatabase() throws Exception {
        try (Connection connection = server.connect(CLERK); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM APP.IMAGE"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM APP.IMAGE"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission");
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO APP.AUDIT_EVENT (OCCURRED_AT, OS_USER, ORIGIN,"
                    + " COMMAND_TEXT, OUTCOME, DETAIL) VALUES (CURRENT_TIMESTAMP, 'root', 'x', 'x', 'done', 'x')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission");
        }
    }

    @Test
    void theOperatorMayAddToTheAuditButNotRewriteIt() throws Exception {
        try (ConfigurableApplicationContext operator = server.session(OPERATOR)) {
            assertThat(run(operator, "image add audited " + CatalogFixture.imageFile(64)).exitCode()).isZero();
        }
        try (Connection connection = server.connect(OPERATOR); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM APP.AUDIT_EVENT"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission");
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE APP.AUDIT_EVENT SET OS_USER = 'root'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission");
        }
    }

    @Test
    void theAuditRecordsTheUserTheDatabaseAuthenticatedBesideTheOsUser() throws Exception {
        try (ConfigurableApplicationContext operator = server.session(OPERATOR)) {
            assertThat(run(operator, "image add attributed " + CatalogFixture.imageFile(64)).exitCode()).isZero();

            Result json = run(operator, "audit list --limit 1 --format json");
            assertThat(json.out()).contains("\"user\": \"" + System.getProperty("user.name") + "\"")
                    .contains("\"database_user\": \"OPS\"");
            assertThat(run(operator, "audit list --limit 1").out())
                    .contains(System.getProperty("user.name") + " as OPS");
        }
        try (Connection connection = server.connect(OPERATOR); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT DATABASE_USER FROM APP.AUDIT_EVENT"
                        + " WHERE COMMAND_TEXT LIKE 'image add attributed %'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("OPS");
        }
    }

    private static Result run(ConfigurableApplicationContext session, String line) {
        return ShellHarness.of(session).run(line);
    }
}
