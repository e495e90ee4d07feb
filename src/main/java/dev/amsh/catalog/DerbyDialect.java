package dev.amsh.catalog;

import org.springframework.data.jdbc.core.dialect.JdbcArrayColumns;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.relational.core.dialect.AnsiDialect;

/**
 * Spring Data JDBC ships no Derby dialect. Derby speaks ANSI SQL for everything the
 * repositories generate (OFFSET/FETCH paging, FOR UPDATE), upper-cases unquoted identifiers
 * like AnsiDialect, and has no array columns.
 */
public final class DerbyDialect extends AnsiDialect implements JdbcDialect {

    public static final DerbyDialect INSTANCE = new DerbyDialect();

    private DerbyDialect() {
    }

    @Override
    public JdbcArrayColumns getArraySupport() {
        return JdbcArrayColumns.Unsupported.INSTANCE;
    }
}
