package dev.amsh.catalog;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Derby runs Java named by a database: stored jars on the database class path, called from
 * triggers, procedures and functions. amsh's schema has no routine and no stored jar, and only the
 * triggers that keep an image's counts, each exactly as the changelog made it; a catalog that holds
 * anything else was changed by someone else, and opening it would run their code as the operator.
 * On PostgreSQL, amsh's schema holds the functions of pg-002 and pg-004 and the triggers calling
 * them, as the changelog made them; any other function, operator, trigger or rule there, or one of
 * those functions with another body, is refused the same way.
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
            "SELECT 'routine ' || s.SCHEMANAME || '.' || a.ALIAS FROM SYS.SYSALIASES a"
                    + " JOIN SYS.SYSSCHEMAS s ON s.SCHEMAID = a.SCHEMAID WHERE s.SCHEMANAME NOT IN (" + DERBY_SCHEMAS + ")",
            "SELECT 'stored jar ' || FILENAME FROM SYS.SYSFILES");

    private static final String TRIGGERS = "SELECT TRIGGERNAME, TRIGGERDEFINITION, WHENCLAUSETEXT FROM SYS.SYSTRIGGERS";

    /** amsh's own Derby triggers (changeset 008), each with the SHA-256 of its action as the changelog wrote it. */
    private static final Map<String, String> OWN_TRIGGERS = Map.of(
            "IMAGE_VERSION_ADDED", "5378cb039078ee36ebfdc633e1d0996ac5c26abb9e4f1bfb2c2627ce38966b2c",
            "IMAGE_VERSION_REMOVED", "cc4318c7e221d4f23e1f5ccfa640748160252af9e1228a2119314fe5db1bcac5",
            "IMAGE_VERSION_MOVED", "13f742b57bb3e78350db0ea3aa6a7aa6cddd7f068de4bd63829bbc50e8722b95",
            "IMAGE_PIN_ADDED", "146bdaa6f9a4723b15522e13333a3e58e361a41bfdca1dbfd3f496120a6d2296",
            "IMAGE_PIN_REMOVED", "3bc7e98a35f3d6ddfb224b18a44bd153e0b7e1c247fb68a1d655b4656db4996d",
            "IMAGE_PIN_MOVED", "79c8b4a28e6a3ab54e609fb482947934f47d59b35007ad46c18f13ea46f4cc2f");

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

    /** The functions that keep an image's counts (pg-004), each with the MD5 of its body. */
    private static final String COUNTING_FUNCTIONS = "('image_version_counted', 'a1064f541b489673b3b416b4bfd5bd7b'),"
            + " ('image_users_recounted', '8a4eb284babd77adaa20440cbfddcc17'),"
            + " ('image_pins_counted', 'f5c95fa93bcdf900192931ba36a13cd3')";

    private static final List<String> POSTGRES_FINDERS = List.of(
            "SELECT 'function ' || p.proname FROM pg_catalog.pg_proc p"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = '" + PostgresCatalog.SCHEMA + "'"
                    + " AND NOT (p.proname = 'image_keeps_a_version' AND p.prokind = 'f'"
                    + " AND md5(p.prosrc) IN (" + OWN_FUNCTION_BODY_MD5S + "))"
                    + " AND NOT (p.prokind = 'f' AND (p.proname, md5(p.prosrc)) IN (" + COUNTING_FUNCTIONS + "))",
            "SELECT 'operator ' || o.oprname FROM pg_catalog.pg_operator o"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace WHERE n.nspname = '" + PostgresCatalog.SCHEMA + "'",
            "SELECT 'trigger ' || t.tgname FROM pg_catalog.pg_trigger t"
                    + " JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    + " JOIN pg_catalog.pg_proc f ON f.oid = t.tgfoid"
                    + " JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace"
                    + " WHERE n.nspname = '" + PostgresCatalog.SCHEMA + "' AND NOT t.tgisinternal"
                    + " AND NOT (fn.nspname = '" + PostgresCatalog.SCHEMA + "' AND (t.tgname, f.proname) IN ("
                    + "('image_keeps_a_version', 'image_keeps_a_version'),"
                    + " ('image_version_keeps_its_image', 'image_keeps_a_version'),"
                    + " ('image_version_counted', 'image_version_counted'), ('image_pins_counted', 'image_pins_counted')))",
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
            if (engine == CatalogEngine.DERBY) {
                collectForeignTriggers(statement, found);
            }
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

    /** Every trigger but amsh's own, unchanged and with no condition of its own. */
    private static void collectForeignTriggers(Statement statement, List<String> found) throws SQLException {
        try (ResultSet rows = statement.executeQuery(TRIGGERS)) {
            while (rows.next()) {
                String name = rows.getString(1);
                String action = sha256(rows.getString(2));
                if (!action.equals(OWN_TRIGGERS.get(name)) || rows.getString(3) != null) {
                    found.add("trigger " + name);
                }
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static void reportIfAny(List<String> found) {
        if (!found.isEmpty()) {
            throw new CatalogUnavailableException("it holds code that amsh did not put there ("
                    + String.join(", ", found) + "); amsh refuses a catalog that could run someone else's code");
        }
    }
}
