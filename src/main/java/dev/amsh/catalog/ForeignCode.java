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
 * On PostgreSQL, amsh's schema holds one function and the two triggers calling it, as the
 * changelog made them; any other function, operator, trigger or rule there, or that function
 * with another body, is refused the same way.
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

    /**
     * The MD5s of the bodies of amsh's one function, as the changelog creates it and as it replaces
     * it (a catalog made before the replacement is checked before it is brought up to date).
     */
    private static final String OWN_FUNCTION_BODY_MD5S = "'a08fa144300821cc528e3bdccab7d515', '54521843e2a9a2ec5169129e6d4e17e8'";

    private static final List<String> POSTGRES_FINDERS = List.of(
            "SELECT 'function ' || p.proname FROM pg_catalog.pg_proc p"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = '" + PostgresCatalog.SCHEMA + "'"
                    + " AND NOT (p.proname = 'image_keeps_a_version' AND p.prokind = 'f'"
                    + " AND md5(p.prosrc) IN (" + OWN_FUNCTION_BODY_MD5S + "))",
            "SELECT 'operator ' || o.oprname FROM pg_catalog.pg_operator o"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace WHERE n.nspname = '" + PostgresCatalog.SCHEMA + "'",
            "SELECT 'trigger ' || t.tgname FROM pg_catalog.pg_trigger t"
                    + " JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    + " JOIN pg_catalog.pg_proc f ON f.oid = t.tgfoid"
                    + " JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace"
                    + " WHERE n.nspname = '" + PostgresCatalog.SCHEMA + "' AND NOT t.tgisinternal"
                    + " AND NOT (t.tgname IN ('image_keeps_a_version', 'image_version_keeps_its_image')"
                    + " AND fn.nspname = '" + PostgresCatalog.SCHEMA + "' AND f.proname = 'image_keeps_a_version')",
            "SELECT 'rule ' || r.rulename FROM pg_catalog.pg_rewrite r"
                    + " JOIN pg_catalog.pg_class c ON c.oid = r.ev_class"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = '" + PostgresCatalog.SCHEMA + "' AND r.rulename <> '_RETURN'");

    private ForeignCode() {
    }

    /** @throws CatalogUnavailableException naming what was found, before any command runs */
    static void refuse(DataSource dataSource, CatalogEngine engine) {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String finder : engine == CatalogEngine.POSTGRESQL ? POSTGRES_FINDERS : FINDERS) {
                collect(statement, finder, found);
            }
            if (engine == CatalogEngine.DERBY) {
                try (ResultSet row = statement.executeQuery(PROPERTIES_ONLY)) {
                    if (row.next() && "true".equalsIgnoreCase(String.valueOf(row.getString(1)).strip())) {
                        found.add("derby.database.propertiesOnly=true");
                    }
                }
            }
        }
        catch (SQLException e) {
            throw new CatalogUnavailableException("cannot read the catalog's schema: " + CatalogSchema.firstLine(e));
        }
        reportIfAny(found);
    }

    private static void collect(Statement statement, String finder, List<String> found) throws SQLException {
        try (ResultSet rows = statement.executeQuery(finder)) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        }
    }

    private static void reportIfAny(List<String> found) {
        if (!found.isEmpty()) {
            throw new CatalogUnavailableException("it holds code that amsh did not put there ("
                    + String.join(", ", found) + "); amsh refuses a catalog that could run someone else's code");
        }
    }
}
