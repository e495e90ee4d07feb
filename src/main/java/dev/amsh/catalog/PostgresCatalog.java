package dev.amsh.catalog;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

/**
 * A catalog on a PostgreSQL server. Its tables live in a schema of amsh's own, {@value #SCHEMA},
 * whatever the user's default schema or the URL's {@code currentSchema}: every connection sets the
 * search path itself, so that nothing another schema defines (a table or a function shadowing one
 * of amsh's) is ever resolved. Credentials come from the URL, {@code ~/.pgpass} (read by the
 * driver) or {@value #ENV_USER} and {@value #ENV_PASSWORD}; TLS from the driver's {@code sslmode}.
 */
public final class PostgresCatalog {

    public static final String SCHEMA = "amsh";
    public static final String ENV_USER = "AMSH_CATALOG_USER";
    public static final String ENV_PASSWORD = "AMSH_CATALOG_PASSWORD";

    /**
     * The search path holds amsh's schema alone (PostgreSQL's own catalog is always searched first),
     * and a lock wait ends after a second so that {@link CatalogLockWaits} can say that it waits
     * and retry up to the command's limit, as on Derby.
     */
    private static final String SESSION_SETTINGS = "SET search_path TO " + SCHEMA + "; SET lock_timeout TO '1s'";

    private PostgresCatalog() {
    }

    /** The data source of the catalog at {@code url}; credentials from {@code env} when the URL has none. */
    static DataSource open(String url, Map<String, String> env) {
        Properties credentials = new Properties();
        String user = env.get(ENV_USER);
        if (user != null && !user.isBlank()) {
            credentials.setProperty("user", user);
        }
        String password = env.get(ENV_PASSWORD);
        if (password != null) {
            credentials.setProperty("password", password);
        }
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url) {
            @Override
            protected Connection getConnectionFromDriver(Properties properties) throws SQLException {
                Connection connection = super.getConnectionFromDriver(properties);
                try (Statement statement = connection.createStatement()) {
                    statement.execute(SESSION_SETTINGS);
                }
                catch (SQLException e) {
                    connection.close();
                    throw e;
                }
                return connection;
            }
        };
        dataSource.setConnectionProperties(credentials);
        return dataSource;
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
            throw new CatalogUnavailableException("cannot create the schema " + SCHEMA + ": "
                    + CatalogSchema.firstLine(e));
        }
    }
}
