package dev.amsh.catalog;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Every connection to a catalog works in amsh's own schema. Derby's default schema is the user's
 * name, so without this a user name (ours or one slipped into a catalog URL) would make amsh read
 * and create a different, empty catalog beside the real one.
 */
public final class FixedSchemaDataSource extends DelegatingDataSource {

    public FixedSchemaDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return inCatalogSchema(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return inCatalogSchema(super.getConnection(username, password));
    }

    private static Connection inCatalogSchema(Connection connection) throws SQLException {
        try {
            connection.setSchema(CatalogSchema.SCHEMA);
            return connection;
        }
        catch (SQLException e) {
            connection.close();
            throw e;
        }
    }
}
