package dev.amsh.catalog;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An embedded catalog that several amsh processes use at once. The process that takes the
 * catalog lock owns it: it opens the Derby database in process and, when it runs for longer than
 * one command, serves it to the others through Derby's network server on the loopback address
 * (see {@link CatalogServer}, {@link ServiceFile}). Any other process attaches to that service;
 * while the lock is held by a process that does not serve (a one-shot command), it waits.
 *
 * <p>When the owner goes away, an attached process resolves again ({@link #handOver}): it takes
 * the lock and becomes the owner (serving if it runs long), or attaches to the new owner.
 */
public final class SharedCatalog implements AutoCloseable {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Duration SAY_WAITING_AFTER = Duration.ofSeconds(1);

    private final Path catalog;
    private final String purpose;
    private final boolean serves;
    private final Duration patience;
    private final PrintStream err;
    private final DataSource dataSource = new HandOverDataSource(this);

    private volatile DataSource current;
    private CatalogLock lock;
    private DerbyLogin login;
    private CatalogServer server;
    private Path attachment;
    private boolean closed;

    private SharedCatalog(Path catalog, String purpose, boolean serves, Duration patience, PrintStream err) {
        this.catalog = catalog;
        this.purpose = purpose;
        this.serves = serves;
        this.patience = patience;
        this.err = err;
    }

    /**
     * Opens the catalog of a prepared directory ({@link CatalogDirectory#prepare}) as its owner or
     * attached to its owner's service, waiting up to {@code patience} for a process that holds it
     * without serving it.
     *
     * @param purpose what the process is, as {@code serve --status} shows it
     * @param serves  whether to serve the catalog when this process owns it
     * @param err     where waiting and a service that could not start are said
     * @throws CatalogBusyException when the wait ran out
     */
    public static SharedCatalog open(CatalogLocation location, String purpose, boolean serves, Duration patience,
            PrintStream err) {
        CatalogDataSourceConfiguration.configureDerby(location, patience);
        SharedCatalog shared = new SharedCatalog(location.directory().orElseThrow(), purpose, serves, patience, err);
        try {
            shared.resolve();
        }
        catch (RuntimeException e) {
            shared.close();
            throw e;
        }
        return shared;
    }

    /** The catalog's data source: it follows the catalog from owner to owner. */
    public DataSource dataSource() {
        return dataSource;
    }

    public boolean owns() {
        return lock != null;
    }

    /** The loopback port this process serves the catalog on, if it does. */
    public synchronized Optional<Integer> servedPort() {
        return Optional.ofNullable(server).map(CatalogServer::port);
    }

    DataSource current() {
        return current;
    }

    /**
     * The connection through {@code lost} died: unless another thread already resolved again,
     * find the catalog's new owner or become it.
     */
    synchronized void handOver(DataSource lost) {
        if (closed) {
            throw new CatalogUnavailableException("the catalog " + catalog + " was closed");
        }
        if (current != lost || owns()) {
            return;
        }
        detach();
        resolve();
    }

    private void resolve() {
        long start = System.nanoTime();
        boolean told = false;
        while (true) {
            Optional<CatalogLock> taken = CatalogLock.tryAcquire(catalog);
            if (taken.isPresent()) {
                own(taken.get());
                return;
            }
            Optional<ServiceFile> service = ServiceFile.read(catalog);
            if (service.isPresent() && attach(service.get())) {
                return;
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

    private void own(CatalogLock taken) {
        lock = taken;
        // Whoever held the lock before is gone: a service file left behind names a server that no longer runs.
        ServiceFile.delete(catalog);
        login = DerbyLogin.random();
        // Read when Derby boots the database: every connection to it, embedded or over the network, logs in.
        System.setProperty("derby.connection.requireAuthentication", "true");
        System.setProperty("derby.authentication.provider", "BUILTIN");
        System.setProperty("derby.user." + login.user(), login.password());
        DataSource embedded = CatalogDatabase.open(catalog, login);
        DataSource checked = new FixedSchemaDataSource(embedded);
        ForeignCode.refuse(checked, CatalogEngine.DERBY);
        CatalogSchema.ensureCurrent(checked, CatalogEngine.DERBY);
        current = embedded;
        if (serves) {
            serve();
        }
    }

    private void serve() {
        try {
            server = CatalogServer.start(login);
            new ServiceFile(server.port(), login, ServiceFile.Session.current(purpose)).write(catalog);
        }
        catch (Exception e) {
            stopServing();
            err.println("warning: the catalog is not shared with other amsh processes: " + Texts.visible(
                    Secrets.redact(String.valueOf(e.getMessage()))));
            err.flush();
        }
    }

    private boolean attach(ServiceFile service) {
        DriverManagerDataSource client = new DriverManagerDataSource(
                "jdbc:derby://127.0.0.1:" + service.port() + "/" + catalog.resolve(CatalogDatabase.DATABASE_DIRECTORY),
                service.login().user(), service.login().password());
        try (Connection probe = client.getConnection()) {
            probe.isValid(0);
        }
        catch (SQLException unreachable) {
            // its owner is stopping or was killed: it is resolved again on the next round
            return false;
        }
        try {
            attachment = Attachments.register(catalog, ServiceFile.Session.current(purpose));
        }
        catch (IOException e) {
            throw new CatalogUnavailableException("cannot use catalog " + catalog + ": " + PrivateFiles.reason(e));
        }
        current = client;
        return true;
    }

    private void detach() {
        if (attachment != null) {
            Attachments.remove(attachment);
            attachment = null;
        }
    }

    private void stopServing() {
        ServiceFile.delete(catalog);
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /**
     * Leaves the catalog so that an attached process can take it over at once: the service file
     * goes first (nobody attaches any more), then the server, the database and the lock.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        detach();
        if (owns()) {
            stopServing();
            CatalogDatabase.shutDown(catalog.resolve(CatalogDatabase.DATABASE_DIRECTORY), login);
            lock.close();
            lock = null;
        }
    }

    /**
     * Who uses the catalog now, read from its files without opening it.
     *
     * @throws CatalogUnavailableException when its files cannot be trusted
     */
    public static CatalogStatus status(Path catalog) {
        try {
            Optional<ServiceFile> service = ServiceFile.read(catalog).filter(served -> served.owner().alive());
            Optional<ServiceFile.Session> server = service.map(ServiceFile::owner);
            Optional<Integer> port = service.map(ServiceFile::port);
            boolean open = service.isPresent() || CatalogLock.tryAcquire(catalog).map(free -> {
                free.close();
                return false;
            }).orElse(true);
            List<ServiceFile.Session> attached = Attachments.list(catalog);
            return new CatalogStatus(catalog, open, server, port, attached);
        }
        catch (IOException e) {
            throw new CatalogUnavailableException("cannot use catalog " + catalog + ": " + PrivateFiles.reason(e));
        }
    }

    /**
     * @param catalog  the catalog directory
     * @param open     whether an amsh process holds the catalog
     * @param server   the process serving it, if any
     * @param port     the loopback port it serves on
     * @param attached the processes attached to it
     */
    public record CatalogStatus(Path catalog, boolean open, Optional<ServiceFile.Session> server,
            Optional<Integer> port, List<ServiceFile.Session> attached) {
    }
}
