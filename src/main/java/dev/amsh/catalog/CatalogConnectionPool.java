package dev.amsh.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;

/**
 * Kept connections to a catalog. On a database server a connection costs a login (and on PostgreSQL
 * a server process): tens of milliseconds, more than the queries of a whole command, and Tab would
 * pay it at every key. An embedded connection costs less, but still a tenth of a one-line delete
 * (its driver lookup and its schema set), paid by every line of a script.
 */
final class CatalogConnectionPool {

    /** A command's transaction, the lock-wait watchdog beside it, and the dashboard's requests. */
    private static final int SERVER_CONNECTIONS = 4;
    /**
     * The service runs each client's command on a thread of its own, each in a transaction: more
     * connections than it admits clients, so that no command waits for a connection instead of a
     * lock. Those beyond the first close once idle for a while.
     */
    private static final int EMBEDDED_CONNECTIONS = 80;

    private CatalogConnectionPool() {
    }

    /** Connections to a booted embedded database, kept; closed before the database shuts down. */
    static HikariDataSource embedded(DataSource connecting) {
        return pool(connecting, EMBEDDED_CONNECTIONS);
    }

    /**
     * Connections of {@code connecting}, kept. Call it once {@code connecting} has given a connection:
     * the pool would retry a refused login until its timeout, where the first attempt already says why.
     */
    static DataSource of(DataSource connecting) {
        return pool(connecting, SERVER_CONNECTIONS);
    }

    private static HikariDataSource pool(DataSource connecting, int connections) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(connecting);
        config.setPoolName("amsh-catalog");
        config.setMaximumPoolSize(connections);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }
}
