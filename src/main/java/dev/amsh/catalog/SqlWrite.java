package dev.amsh.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A write not yet sent: one statement and its arguments, as {@code JdbcTemplate.update} takes them (a typed
 * null as an {@code SqlParameterValue}). A port that changes the catalog can send it with its own statement,
 * in one round trip where the database allows.
 */
public record SqlWrite(String sql, List<Object> args) {

    public SqlWrite {
        // Arguments may be null, which List.copyOf refuses.
        args = Collections.unmodifiableList(new ArrayList<>(args));
    }
}
