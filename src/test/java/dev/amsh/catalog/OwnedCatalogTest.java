package dev.amsh.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded catalog of the process that owns it: its connections are kept from one transaction to
 * the next, in amsh's schema, and once it is closed it gives none (a new one would boot the database
 * again, without the lock).
 */
class OwnedCatalogTest {

    @TempDir
    Path home;

    @Test
    void keepsItsConnectionsInTheCatalogSchemaAndGivesNoneOnceClosed() throws Exception {
        Path catalog = CatalogDirectory.prepare(home.resolve("catalog"), false);
        OwnedCatalog owned = OwnedCatalog.open(CatalogLocation.embedded(catalog), Duration.ofSeconds(5),
                new PrintStream(OutputStream.nullOutputStream()), Optional::empty);
        Connection first;
        try (Connection connection = owned.dataSource().getConnection()) {
            first = connection.unwrap(Connection.class);
            assertThat(connection.getSchema()).isEqualTo(CatalogSchema.SCHEMA);
        }
        try (Connection connection = owned.dataSource().getConnection()) {
            assertThat(connection.unwrap(Connection.class)).as("the same connection, kept").isSameAs(first);
            assertThat(connection.getSchema()).isEqualTo(CatalogSchema.SCHEMA);
        }

        owned.close();

        assertThat(first.isClosed()).as("closed with the catalog").isTrue();
        assertThatThrownBy(() -> owned.dataSource().getConnection()).isInstanceOf(CatalogUnavailableException.class)
                .hasMessageContaining("shut down");
        try (OwnedCatalog again = OwnedCatalog.open(CatalogLocation.embedded(catalog), Duration.ofSeconds(5),
                new PrintStream(OutputStream.nullOutputStream()), Optional::empty);
                Connection connection = again.dataSource().getConnection()) {
            assertThat(connection.isValid(5)).as("its lock was let go").isTrue();
        }
    }
}
