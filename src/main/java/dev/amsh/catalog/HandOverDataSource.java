package dev.amsh.catalog;

import org.springframework.jdbc.datasource.AbstractDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The data source of a {@link SharedCatalog}: connections come from its current owner, and a
 * connection that cannot be made because that owner went away is made to the next one.
 */
final class HandOverDataSource extends AbstractDataSource {

    private final SharedCatalog shared;

    HandOverDataSource(SharedCatalog shared) {
        this.shared = shared;
    }

    @Override
    public Connection getConnection() throws SQLException {
        DataSource current = shared.current();
        try {
            return current.getConnection();
        }
        catch (SQLException e) {
            if (!CatalogHandOver.isConnectionLoss(e)) {
                throw e;
            }
            shared.handOver(current);
            return shared.current().getConnection();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("the catalog's login is amsh's own");
    }
}
