package dev.amsh.catalog;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * A catalog on a PostgreSQL server. Its tables live in a schema of amsh's own, {@value #SCHEMA},
 * whatever the user's default schema or the URL's {@code currentSchema}: every connection sets the
 * search path itself, so that nothing another schema defines (a table or a function shadowing one
 * of amsh's) is ever resolved. Credentials are those of every network catalog
 * ({@link CatalogCredentials}); TLS comes from the driver's {@code sslmode} in the URL.
 */
public final class PostgresCatalog {

    public static final String SCHEMA = "amsh";

    /**
     * The search path holds amsh's schema alone (PostgreSQL's own catalog is always searched first),
     * and a lock wait lasts up to the commands' wait limit, as on Derby ({@link CatalogLockWaits}
     * says that it waits).
     */
    private static final String SESSION_SETTINGS = "SET search_path TO " + SCHEMA + "; SET lock_timeout TO '%dms'";

    private PostgresCatalog() {
    }

    /** The data source of the catalog at {@code url}, connecting with {@code credentials}. */
    static DataSource open(String url, CatalogCredentials credentials, Duration lockTimeout) {
        String settings = SESSION_SETTINGS.formatted(lockTimeout.toMillis());
        return new DriverManagerDataSource(url, credentials.user(), credentials.password()) {
            @Override
            protected Connection getConnectionFromDriver(Properties properties) throws SQLException {
                Connection connection = super.getConnectionFromDriver(properties);
                try (Statement statement = connection.createStatement()) {
                    statement.execute(settings);
                }
                catch (SQLException e) {
                    connection.close();
                    throw e;
                }
                return connection;
            }
        };
    }

    /**
     * Creates amsh's schema when it is absent. Only then: an auditor, who may not create schemas,
     * opens an existing catalog.
     */
    static void ensureSchema(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement exists = connection.prepareStatement(
                        "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
            exists.setString(1, SCHEMA);
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            }
        }
        catch (SQLException e) {
            // SQL state class 28, invalid authorization: the server turned the login away before any schema work.
            if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
                throw new CatalogUnavailableException("cannot log in to the catalog: " + CatalogSchema.firstLine(e)
                        + "; check the user and the password");
            }
            throw new CatalogUnavailableException("cannot create the schema " + SCHEMA + ": "
                    + CatalogSchema.firstLine(e));
        }
    }
}
