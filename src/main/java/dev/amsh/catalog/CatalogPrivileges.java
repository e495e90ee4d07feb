package dev.amsh.catalog;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * What the database lets this session's user do with the catalog. On PostgreSQL a role may be
 * granted reading alone (an auditor): amsh then refuses a changing command before trying it,
 * and the database would refuse it anyway. On Derby every user that opens the catalog may change it.
 */
@Component
public class CatalogPrivileges {

    private final JdbcTemplate jdbc;
    private final CatalogEngine engine;
    private volatile Optional<String> readOnlyUser;

    public CatalogPrivileges(JdbcTemplate jdbc, CatalogLocation location) {
        this.jdbc = jdbc;
        this.engine = CatalogEngine.of(location);
    }

    /**
     * The database user, when it may read the catalog but not change it. Asked once per session:
     * every change takes the image type lock first, so the right to update that table stands for all.
     */
    public Optional<String> readOnlyUser() {
        Optional<String> known = readOnlyUser;
        if (known == null) {
            known = engine == CatalogEngine.POSTGRESQL
                    ? jdbc.query("SELECT current_user, has_table_privilege('" + PostgresCatalog.SCHEMA
                            + ".image_type', 'UPDATE')", rs -> {
                                rs.next();
                                return rs.getBoolean(2) ? Optional.<String>empty() : Optional.of(rs.getString(1));
                            })
                    : Optional.empty();
            readOnlyUser = known;
        }
        return known;
    }
}
