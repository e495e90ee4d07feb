package dev.amsh.catalog;

import java.util.Arrays;

/**
 * A write not yet sent: one statement and its arguments, as {@code JdbcTemplate.update} takes them (a typed
 * null as an {@code SqlParameterValue}). A port that changes the catalog can send it with its own statement,
 * in one round trip where the database allows.
 */
public record SqlWrite(String sql, Object[] args) {

    public SqlWrite {
        args = args.clone();
    }

    @Override
    public Object[] args() {
        return args.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SqlWrite write && sql.equals(write.sql) && Arrays.equals(args, write.args);
    }

    @Override
    public int hashCode() {
        return 31 * sql.hashCode() + Arrays.hashCode(args);
    }

    @Override
    public String toString() {
        return sql;
    }
}
