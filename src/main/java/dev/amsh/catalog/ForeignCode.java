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
     * One query, so that every start can afford it: what in the catalog could run code, and
     * the database settings that would load classes or keep amsh's own settings from applying.
     */
    private static final String FIND = """
            SELECT 'trigger ' || s.SCHEMANAME || '.' || t.TRIGGERNAME FROM SYS.SYSTRIGGERS t
                JOIN SYS.SYSSCHEMAS s ON s.SCHEMAID = t.SCHEMAID
            UNION ALL
            SELECT 'routine ' || s.SCHEMANAME || '.' || a.ALIAS FROM SYS.SYSALIASES a
                JOIN SYS.SYSSCHEMAS s ON s.SCHEMAID = a.SCHEMAID
                WHERE s.SCHEMANAME NOT IN (%s)
            UNION ALL
            SELECT 'stored jar ' || s.SCHEMANAME || '.' || f.FILENAME FROM SYS.SYSFILES f
                JOIN SYS.SYSSCHEMAS s ON s.SCHEMAID = f.SCHEMAID
            UNION ALL
            SELECT 'database class path ' || v.P FROM (VALUES SYSCS_UTIL.SYSCS_GET_DATABASE_PROPERTY(
                'derby.database.classpath')) v(P) WHERE v.P IS NOT NULL AND LENGTH(v.P) > 0
            UNION ALL
            SELECT 'derby.database.propertiesOnly=' || v.P FROM (VALUES SYSCS_UTIL.SYSCS_GET_DATABASE_PROPERTY(
                'derby.database.propertiesOnly')) v(P) WHERE UPPER(TRIM(v.P)) = 'TRUE'
            """.formatted(DERBY_SCHEMAS);

    private ForeignCode() {
    }

    /** @throws CatalogUnavailableException naming what was found, before any command runs */
    static void refuse(DataSource dataSource) {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(FIND)) {
            while (rows.next()) {
                found.add(rows.getString(1));
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
