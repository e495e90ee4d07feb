package dev.amsh.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;

/**
 * A few kept connections to a catalog on a database server. There a connection costs a login (and on
 * PostgreSQL a server process): tens of milliseconds, more than the queries of a whole command, and
 * Tab would pay it at every key. An embedded catalog needs no pool.
 */
final class CatalogConnectionPool {

    /** A command's transaction, the lock-wait watchdog beside it, and the dashboard's requests. */
    private static final int CONNECTIONS = 4;

    private CatalogConnectionPool() {
    }

    /**
     * Connections of {@code connecting}, kept. Call it once {@code connecting} has given a connection:
     * the pool would retry a refused login until its timeout, where the first attempt already says why.
     */
    static DataSource of(DataSource connecting) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(connecting);
        config.setPoolName("amsh-catalog");
        config.setMaximumPoolSize(CONNECTIONS);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }
}
