package dev.amsh.catalog;

import dev.amsh.support.CatalogBackend.Catalog;
import dev.amsh.support.CatalogBackend;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.PostgresServer;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.ShellHarness.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The roles docs/team-catalogs.md gives, on a real server: amsh_admin changes the catalog, amsh_auditor reads,
 * lists and sees the audit; amsh refuses an auditor's changing command before trying it, and the
 * database refuses the auditor's plain SQL.
 */
class PostgresRolesTest {

    /** docs/team-catalogs.md's SQL, as a superuser runs it once per database. */
    static final String ROLES = """
            CREATE ROLE amsh_admin LOGIN PASSWORD 'admin-secret';
            CREATE ROLE amsh_auditor LOGIN PASSWORD 'auditor-secret';
            CREATE SCHEMA amsh AUTHORIZATION amsh_admin;
            GRANT USAGE ON SCHEMA amsh TO amsh_auditor;
            ALTER DEFAULT PRIVILEGES FOR ROLE amsh_admin IN SCHEMA amsh GRANT SELECT ON TABLES TO amsh_auditor;
            """;

    static PostgresServer server;
    static String database;
    static ConfigurableApplicationContext admin;
    static ConfigurableApplicationContext auditor;

    @BeforeAll
    static void catalogWithBothRoles() {
        server = PostgresServer.get();
        database = server.createDatabase();
        server.execute(database, ROLES);
        admin = CatalogBackend.session(new Catalog(CatalogLocation.server(server.url(database)),
                Optional.of(new CatalogCredentials("amsh_admin", "admin-secret"))));
        ok(admin, "image add jammy " + CatalogFixture.imageFile(64));
        auditor = CatalogBackend.session(new Catalog(CatalogLocation.server(server.url(database)),
                Optional.of(new CatalogCredentials("amsh_auditor", "auditor-secret"))));
    }

    @AfterAll
    static void close() {
        auditor.close();
        admin.close();
    }

    @Test
    void theAuditorReadsListsAndSeesTheAudit() {
        assertThat(ok(auditor, "image list").out()).contains("jammy");
        assertThat(ok(auditor, "image show jammy").out()).contains("jammy");
        assertThat(ok(auditor, "audit list").out()).contains("image add jammy");
    }

    @Test
    void theAuditorMayRehearseAPruneWhichChangesNothing() {
        CatalogFixture catalog = admin.getBean(CatalogFixture.class);
        ok(admin, "image update jammy " + CatalogFixture.imageFile(64));
        String before = catalog.snapshot();
        int events = catalog.count("AUDIT_EVENT");

        Result rehearsed = ok(auditor, "image prune --keep-last 1 --dry-run");
        Result applied = auditor.getBean(ShellHarness.class).run("image prune --keep-last 1 --yes");

        assertThat(rehearsed.out()).contains("jammy:", "remove", "dry run: nothing removed");
        assertThat(applied.exitCode()).isEqualTo(1);
        assertThat(applied.err()).contains("'image prune' changes the catalog, and the database user 'amsh_auditor'"
                + " may only read it");
        assertThat(catalog.snapshot()).isEqualTo(before);
        assertThat(catalog.count("AUDIT_EVENT")).isEqualTo(events);
    }

    @Test
    void amshRefusesTheAuditorsChangingCommandsBeforeTryingThem() {
        CatalogFixture catalog = admin.getBean(CatalogFixture.class);
        String before = catalog.snapshot();
        int events = catalog.count("AUDIT_EVENT");

        for (String line : new String[] {"image delete jammy --yes", "image add other " + CatalogFixture.imageFile(8),
                "application create app --image jammy", "image server set /srv/index"}) {
            Result refused = auditor.getBean(ShellHarness.class).run(line);

            assertThat(refused.exitCode()).as(line).isEqualTo(1);
            assertThat(refused.err().lines()).as(line).singleElement().asString()
                    .contains("changes the catalog, and the database user 'amsh_auditor' may only read it");
        }
        assertThat(catalog.snapshot()).isEqualTo(before);
        assertThat(catalog.count("AUDIT_EVENT")).isEqualTo(events);
    }

    @Test
    void theDatabaseRefusesTheAuditorsPlainSql() throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.url(database), "amsh_auditor", "auditor-secret");
                Statement statement = connection.createStatement()) {
            for (String change : new String[] {"DELETE FROM amsh.image", "UPDATE amsh.image_type SET changes = 0",
                    "DELETE FROM amsh.audit_event", "CREATE FUNCTION amsh.f() RETURNS int LANGUAGE sql AS 'SELECT 1'"}) {
                assertThatThrownBy(() -> statement.execute(change)).as(change).hasMessageContaining("permission denied");
            }
        }
        assertThat(admin.getBean(CatalogFixture.class).count("IMAGE")).isEqualTo(1);
    }

    private static Result ok(ConfigurableApplicationContext session, String line) {
        Result result = session.getBean(ShellHarness.class).run(line);
        assertThat(result.exitCode()).as("%s: %s", line, result.err()).isZero();
        return result;
    }
}
