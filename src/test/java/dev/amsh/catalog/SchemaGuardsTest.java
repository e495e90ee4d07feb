package dev.amsh.catalog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guards the schema keeps whoever writes: each is attacked with plain SQL, as a direct session on
 * a shared catalog could, and refused by the database.
 */
class SchemaGuardsTest {

    @TempDir
    Path catalog;

    JdbcTemplate sql;

    @BeforeEach
    void currentCatalog() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:derby:" + catalog.resolve("db") + ";create=true");
        CatalogSchema.ensureCurrent(dataSource);
        sql = new JdbcTemplate(dataSource);
        image("aaaaaaaaaaaaaaaaaaaa", "jammy", "container", "container", 2);
        image("bbbbbbbbbbbbbbbbbbbb", "focal", "container", null, 1);
        sql.update("INSERT INTO APPLICATION (ID, NAME, CREATED_AT, NEXT_VERSION) VALUES ('cccccccccccccccccccc', 'app1',"
                + " CURRENT_TIMESTAMP, 1)");
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
    void aSecondDefaultOfATypeIsRefused() {
        assertThatThrownBy(() -> sql.update("UPDATE IMAGE SET DEFAULT_OF = TYPE WHERE NAME = 'focal'"))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("IMAGE_ONE_DEFAULT_PER_TYPE");
        assertThatThrownBy(() -> image("dddddddddddddddddddd", "noble", "container", "container", 1))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("IMAGE_ONE_DEFAULT_PER_TYPE");
        assertThatThrownBy(() -> sql.update("UPDATE IMAGE SET DEFAULT_OF = 'vm' WHERE NAME = 'focal'"))
                .as("a container image as the vm default").isInstanceOf(DataIntegrityViolationException.class);

        image("eeeeeeeeeeeeeeeeeeee", "vm-image", "vm", "vm", 1);
        sql.update("UPDATE IMAGE SET DEFAULT_OF = NULL WHERE NAME = 'jammy'");
        sql.update("UPDATE IMAGE SET DEFAULT_OF = TYPE WHERE NAME = 'focal'");
        assertThat(sql.queryForList("SELECT NAME FROM IMAGE WHERE DEFAULT_OF IS NOT NULL ORDER BY NAME", String.class))
                .containsExactly("focal", "vm-image");
    }

    @Test
    void aPinOfAMissingVersionIsRefused() {
        assertThatThrownBy(() -> pin(0, "aaaaaaaaaaaaaaaaaaaa", 7))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("APPLICATION_VERSION_PINS");

        pin(0, "aaaaaaaaaaaaaaaaaaaa", 1);
        assertThatThrownBy(() -> sql.update("DELETE FROM IMAGE_VERSION WHERE IMAGE_ID = 'aaaaaaaaaaaaaaaaaaaa' AND VERSION = 1"))
                .as("removing the pinned version").isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("APPLICATION_VERSION_PINS");
        assertThatThrownBy(() -> sql.update("DELETE FROM IMAGE WHERE ID = 'aaaaaaaaaaaaaaaaaaaa'"))
                .as("removing the pinned image").isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void wordsAndNumbersAmshNeverWritesAreRefused() {
        assertThatThrownBy(() -> sql.update("UPDATE IMAGE SET STATUS = 'ACTIVE' WHERE NAME = 'jammy'"))
                .hasMessageContaining("IMAGE_STATUS_KNOWN");
        assertThatThrownBy(() -> sql.update("UPDATE IMAGE_VERSION SET STATUS = 'pwned'"))
                .hasMessageContaining("IMAGE_VERSION_STATUS_KNOWN");
        assertThatThrownBy(() -> sql.update("UPDATE IMAGE SET NEXT_VERSION = -1"))
                .hasMessageContaining("IMAGE_NEXT_VERSION_NOT_NEGATIVE");
        assertThatThrownBy(() -> sql.update("UPDATE IMAGE SET NAME = '' WHERE NAME = 'focal'"))
                .hasMessageContaining("IMAGE_NAME_NOT_EMPTY");
        assertThatThrownBy(() -> sql.update("UPDATE APPLICATION SET NEXT_VERSION = -1"))
                .hasMessageContaining("APPLICATION_NEXT_VERSION_NOT_NEGATIVE");
        assertThatThrownBy(() -> sql.update("UPDATE APPLICATION SET NAME = ''"))
                .hasMessageContaining("APPLICATION_NAME_NOT_EMPTY");
        assertThatThrownBy(() -> pin(-1, "aaaaaaaaaaaaaaaaaaaa", 0))
                .hasMessageContaining("APPLICATION_VERSION_NOT_NEGATIVE");
        assertThatThrownBy(() -> sql.update("INSERT INTO AUDIT_EVENT (OCCURRED_AT, OS_USER, ORIGIN, COMMAND_TEXT, OUTCOME,"
                + " DETAIL) VALUES (CURRENT_TIMESTAMP, 'u', 'one-shot', 'x', 'ok', '')"))
                .hasMessageContaining("AUDIT_EVENT_OUTCOME_KNOWN");
    }

    @Test
    void guardsAreNotCodeSoTheCatalogIsStillTrusted() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:derby:" + catalog.resolve("db"));

        ForeignCode.refuse(dataSource, CatalogEngine.DERBY);
    }

    private void image(String id, String name, String type, String defaultOf, int versions) {
        sql.update("""
                INSERT INTO IMAGE (ID, NAME, TYPE, ARCHITECTURE, STATUS, DEFAULT_OF, IMMUTABLE, CREATED_AT, NEXT_VERSION)
                VALUES (?, ?, ?, 'x86_64', 'active', ?, FALSE, CURRENT_TIMESTAMP, ?)""", id, name, type, defaultOf, versions);
        for (int version = 0; version < versions; version++) {
            sql.update("""
                    INSERT INTO IMAGE_VERSION (IMAGE_ID, VERSION, SIZE, SHA256, STATUS, CREATED_AT)
                    VALUES (?, ?, 1, ?, 'active', CURRENT_TIMESTAMP)""", id, version, "ab".repeat(32));
        }
    }

    private void pin(int version, String image, int imageVersion) {
        sql.update("""
                INSERT INTO APPLICATION_VERSION (APPLICATION_ID, VERSION, IMAGE_ID, IMAGE_VERSION, CREATED_AT)
                VALUES ('cccccccccccccccccccc', ?, ?, ?, CURRENT_TIMESTAMP)""", version, image, imageVersion);
    }
}
