package dev.amsh.catalog;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Derby runs Java named by a database: stored jars on the database class path, called from
 * triggers, procedures and functions. amsh's schema has none of these, so a catalog that holds
 * any was changed by someone else, and opening it would run their code as the operator.
 */
final class ForeignCode {

    /** Derby's own routines live in these schemas, where no one may create any. */
    private static final String DERBY_SCHEMAS =
            "'SYS', 'SYSIBM', 'SYSCS_UTIL', 'SYSCS_DIAG', 'SYSFUN', 'SYSPROC', 'SYSSTAT', 'SQLJ', 'NULLID'";

    /**
     * Every start runs these: four small queries compile in a fraction of the time one query
     * joining them all takes Derby.
     */
    private static final List<String> FINDERS = List.of(
            "SELECT 'trigger ' || TRIGGERNAME FROM SYS.SYSTRIGGERS",
            "SELECT 'routine ' || s.SCHEMANAME || '.' || a.ALIAS FROM SYS.SYSALIASES a"
                    + " JOIN SYS.SYSSCHEMAS s ON s.SCHEMAID = a.SCHEMAID WHERE s.SCHEMANAME NOT IN (" + DERBY_SCHEMAS + ")",
            "SELECT 'stored jar ' || FILENAME FROM SYS.SYSFILES");

    /**
     * amsh sets an empty database class path at boot; only this database setting could put the
     * database's own back.
     */
    private static final String PROPERTIES_ONLY =
            "VALUES SYSCS_UTIL.SYSCS_GET_DATABASE_PROPERTY('derby.database.propertiesOnly')";

    private ForeignCode() {
    }

    /** @throws CatalogUnavailableException naming what was found, before any command runs */
    static void refuse(DataSource dataSource) {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String finder : FINDERS) {
                try (ResultSet rows = statement.executeQuery(finder)) {
                    while (rows.next()) {
                        found.add(rows.getString(1));
                    }
                }
            }
            try (ResultSet row = statement.executeQuery(PROPERTIES_ONLY)) {
                if (row.next() && "true".equalsIgnoreCase(String.valueOf(row.getString(1)).strip())) {
                    found.add("derby.database.propertiesOnly=true");
                }
            }
        }
        catch (SQLException e) {
            throw new CatalogUnavailableException("cannot read the catalog's schema: " + CatalogSchema.firstLine(e));
        }
        if (!found.isEmpty()) {
            throw new CatalogUnavailableException("it holds code that amsh did not put there ("
                    + String.join(", ", found) + "); amsh refuses a catalog that could run someone else's code");
        }
    }
}
