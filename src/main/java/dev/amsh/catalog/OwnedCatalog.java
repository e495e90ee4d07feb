package dev.amsh.catalog;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * An embedded catalog opened by the one process that holds its lock: the catalog's service, or a
 * command run without one ({@code --no-service}). Derby admits one process per database, and no
 * other process ever reaches it: they are clients of the service, or wait for the lock.
 */
public final class OwnedCatalog implements AutoCloseable {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Duration SAY_WAITING_AFTER = Duration.ofSeconds(1);

    private final Path catalog;
    private final CatalogLock lock;
    private final DataSource checked;
    /**
     * Kept connections, made at the first one asked for: by then the application has set up its logging,
     * which the pool's start would otherwise print around.
     */
    private HikariDataSource connections;
    private final DataSource dataSource = new DelegatingDataSource() {
        @Override
        public void afterPropertiesSet() {
            // its target comes at the first connection
        }

        @Override
        protected DataSource obtainTargetDataSource() {
            return connections();
        }
    };
    private boolean closed;

    private OwnedCatalog(Path catalog, CatalogLock lock, DataSource checked) {
        this.catalog = catalog;
        this.lock = lock;
        this.checked = checked;
    }

    /**
     * Takes the lock of a prepared directory ({@link CatalogDirectory#prepare}), waiting up to
     * {@code patience} for the process that holds it, then opens, checks and brings up to date its
     * database.
     *
     * @param servedBy who serves the catalog meanwhile, if anyone: then there is no point in waiting
     * @param err      where waiting is said
     * @throws CatalogBusyException when the wait ran out, or a service took the catalog meanwhile
     */
    public static OwnedCatalog open(CatalogLocation location, Duration patience, PrintStream err,
            Supplier<Optional<String>> servedBy) {
        CatalogDataSourceConfiguration.configureDerby(location, patience);
        Path catalog = location.directory().orElseThrow();
        CatalogLock lock = await(catalog, patience, err, servedBy);
        try {
            DataSource checked = new FixedSchemaDataSource(CatalogDatabase.open(catalog));
            ForeignCode.refuse(checked, CatalogEngine.DERBY);
            CatalogSchema.ensureCurrent(checked, CatalogEngine.DERBY);
            return new OwnedCatalog(catalog, lock, checked);
        }
        catch (RuntimeException e) {
            CatalogDatabase.shutDown(catalog.resolve(CatalogDatabase.DATABASE_DIRECTORY));
            lock.close();
            throw e;
        }
    }

    private static CatalogLock await(Path catalog, Duration patience, PrintStream err,
            Supplier<Optional<String>> servedBy) {
        long start = System.nanoTime();
        boolean told = false;
        while (true) {
            Optional<CatalogLock> taken = CatalogLock.tryAcquire(catalog);
            if (taken.isPresent()) {
                return taken.get();
            }
            Optional<String> server = servedBy.get();
            if (server.isPresent()) {
                throw new CatalogBusyException("catalog " + catalog + " is already served by " + server.get());
            }
            long waited = System.nanoTime() - start;
            if (waited >= patience.toNanos()) {
                throw new CatalogBusyException("gave up after " + patience.toSeconds() + " s waiting for the catalog"
                        + " lock held by another session; nothing was changed");
            }
            if (!told && waited >= SAY_WAITING_AFTER.toNanos()) {
                told = true;
                err.println(CatalogLockWaits.WAITING);
                err.flush();
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /**
     * The catalog's data source: kept connections, in amsh's schema. It has no close of its own: the
     * database's shutdown closes them.
     */
    public DataSource dataSource() {
        return dataSource;
    }

    private synchronized DataSource connections() {
        if (closed) {
            throw new CatalogUnavailableException("its database " + catalog + " was shut down");
        }
        if (connections == null) {
            connections = CatalogConnectionPool.embedded(checked);
        }
        return connections;
    }

    public Path directory() {
        return catalog;
    }

    /**
     * Closes the kept connections, then shuts the database down cleanly (without it Derby replays its log
     * at the next start) and lets the lock go. The pool goes first: a pool that outlived the shutdown would
     * boot the database again for its next connection, without the lock.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (connections != null) {
            connections.close();
        }
        CatalogDatabase.shutDown(catalog.resolve(CatalogDatabase.DATABASE_DIRECTORY));
        lock.close();
    }
}
