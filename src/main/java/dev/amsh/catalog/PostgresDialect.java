package dev.amsh.catalog;

import org.springframework.data.jdbc.core.dialect.JdbcPostgresDialect;
import org.springframework.data.relational.core.sql.IdentifierProcessing;
import org.springframework.data.relational.core.sql.IdentifierProcessing.LetterCasing;
import org.springframework.data.relational.core.sql.IdentifierProcessing.Quoting;

/**
 * Spring Data JDBC's PostgreSQL dialect with identifiers left unquoted. The changelog creates
 * the tables with unquoted names, which PostgreSQL folds to lower case and Derby to upper case;
 * the entities name them in upper case, so quoting them would miss the tables on PostgreSQL.
 */
public final class PostgresDialect extends JdbcPostgresDialect {

    public static final PostgresDialect INSTANCE = new PostgresDialect();

    static final IdentifierProcessing UNQUOTED = IdentifierProcessing.create(new Quoting(""),
            LetterCasing.AS_IS);

    private PostgresDialect() {
    }

    @Override
    public IdentifierProcessing getIdentifierProcessing() {
        return UNQUOTED;
    }
}
