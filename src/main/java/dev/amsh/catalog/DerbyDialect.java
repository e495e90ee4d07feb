package dev.amsh.catalog;

import org.springframework.data.jdbc.core.dialect.JdbcArrayColumns;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.relational.core.dialect.AnsiDialect;
import org.springframework.data.relational.core.sql.IdentifierProcessing;

/**
 * Spring Data JDBC ships no Derby dialect. Derby speaks ANSI SQL for everything the
 * repositories generate (OFFSET/FETCH paging, FOR UPDATE) and has no array columns. Identifiers
 * stay unquoted, as on PostgreSQL ({@link PostgresDialect}): the queries generated at build time
 * with this dialect then run on either database, each folding the names as it did when the
 * changelog created the tables.
 */
public final class DerbyDialect extends AnsiDialect implements JdbcDialect {

    public static final DerbyDialect INSTANCE = new DerbyDialect();

    private DerbyDialect() {
    }

    @Override
    public IdentifierProcessing getIdentifierProcessing() {
        return PostgresDialect.UNQUOTED;
    }

    @Override
    public JdbcArrayColumns getArraySupport() {
        return JdbcArrayColumns.Unsupported.INSTANCE;
    }
}
