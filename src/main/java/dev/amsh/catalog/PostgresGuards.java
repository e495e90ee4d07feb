package dev.amsh.catalog;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * On PostgreSQL the guards that keep every image with a version are triggers, which whoever owns the
 * tables can switch off ({@code ALTER TABLE ... DISABLE TRIGGER}); and some of what the rules rely on
 * no constraint can say: a type with images has a default, a version number is below the next one to
 * be given. Each open checks both, with index probes, and refuses a catalog that breaks either,
 * naming the SQL that repairs it.
 */
final class PostgresGuards {

    private static final String SCHEMA = PostgresCatalog.SCHEMA;
    private static final List<String[]> TRIGGERS = List.of(
            new String[] {"image", "image_keeps_a_version", "AFTER INSERT ON " + SCHEMA + ".image"},
            new String[] {"image_version", "image_version_keeps_its_image",
                "AFTER DELETE OR UPDATE OF image_id ON " + SCHEMA + ".image_version"});

    private PostgresGuards() {
    }

    /** @throws CatalogUnavailableException naming each broken guard or invariant and its repair */
    static void refuseBroken(DataSource dataSource) {
        List<String> broken = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String[] trigger : TRIGGERS) {
                checkTrigger(statement, trigger[0], trigger[1], trigger[2], broken);
            }
            try (ResultSet rows = statement.executeQuery("SELECT t.type, (SELECT MIN(i.id) FROM " + SCHEMA + ".image i"
                    + " WHERE i.type = t.type) FROM " + SCHEMA + ".image_type t"
                    + " WHERE EXISTS (SELECT 1 FROM " + SCHEMA + ".image i WHERE i.type = t.type)"
                    + " AND NOT EXISTS (SELECT 1 FROM " + SCHEMA + ".image i WHERE i.default_of = t.type) ORDER BY t.type")) {
                while (rows.next()) {
                    broken.add("the " + rows.getString(1) + " images have no default (repair: UPDATE " + SCHEMA
                            + ".image SET default_of = type WHERE id = '" + rows.getString(2) + "')");
                }
            }
            collect(statement, "SELECT i.id FROM " + SCHEMA + ".image i WHERE EXISTS (SELECT 1 FROM " + SCHEMA
                    + ".image_version v WHERE v.image_id = i.id AND v.version >= i.next_version) ORDER BY i.id LIMIT 10",
                    "images whose next version number is in use",
                    "UPDATE " + SCHEMA + ".image i SET next_version = (SELECT MAX(v.version) + 1 FROM " + SCHEMA
                            + ".image_version v WHERE v.image_id = i.id) WHERE next_version <= (SELECT MAX(v.version) FROM "
                            + SCHEMA + ".image_version v WHERE v.image_id = i.id)", broken);
            collect(statement, "SELECT a.id FROM " + SCHEMA + ".application a WHERE EXISTS (SELECT 1 FROM " + SCHEMA
                    + ".application_version v WHERE v.application_id = a.id AND v.version >= a.next_version)"
                    + " ORDER BY a.id LIMIT 10",
                    "applications whose next version number is in use",
                    "UPDATE " + SCHEMA + ".application a SET next_version = (SELECT MAX(v.version) + 1 FROM " + SCHEMA
                            + ".application_version v WHERE v.application_id = a.id) WHERE next_version <= (SELECT"
                            + " MAX(v.version) FROM " + SCHEMA + ".application_version v WHERE v.application_id = a.id)",
                    broken);
            collect(statement, "SELECT i.id FROM " + SCHEMA + ".image i WHERE NOT EXISTS (SELECT 1 FROM " + SCHEMA
                    + ".image_version v WHERE v.image_id = i.id) ORDER BY i.id LIMIT 10",
                    "images without a version",
                    "DELETE FROM " + SCHEMA + ".image i WHERE NOT EXISTS (SELECT 1 FROM " + SCHEMA
                            + ".image_version v WHERE v.image_id = i.id)", broken);
        }
        catch (SQLException e) {
            throw new CatalogUnavailableException("cannot check the catalog's guards: " + CatalogSchema.firstLine(e));
        }
        if (!broken.isEmpty()) {
            throw new CatalogUnavailableException("the catalog is broken: " + String.join("; ", broken)
                    + "; amsh refuses it until the database owner repairs it");
        }
    }

    private static void checkTrigger(Statement statement, String table, String trigger, String event, List<String> broken)
            throws SQLException {
        try (ResultSet row = statement.executeQuery("SELECT t.tgenabled FROM pg_catalog.pg_trigger t"
                + " JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = '" + SCHEMA + "' AND c.relname = '" + table + "' AND t.tgname = '" + trigger + "'")) {
            if (!row.next()) {
                broken.add("trigger " + trigger + " is missing (repair: CREATE CONSTRAINT TRIGGER " + trigger + " " + event
                        + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION " + SCHEMA
                        + ".image_keeps_a_version())");
            }
            else if ("D".equals(row.getString(1))) {
                broken.add("trigger " + trigger + " is disabled (repair: ALTER TABLE " + SCHEMA + "." + table
                        + " ENABLE TRIGGER " + trigger + ")");
            }
        }
    }

    private static void collect(Statement statement, String query, String what, String repair, List<String> broken)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                ids.add(rows.getString(1).strip());
            }
        }
        if (!ids.isEmpty()) {
            broken.add(what + " (" + String.join(", ", ids) + (ids.size() == 10 ? ", ..." : "") + "; repair: " + repair + ")");
        }
    }
}
