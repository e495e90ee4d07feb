package dev.amsh.catalog;

import org.springframework.aop.Advisor;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The data source of the catalog the launcher resolved (embedded Derby, a Derby network server or
 * PostgreSQL), checked for code amsh did not put there and its schema brought up to date before
 * anything uses it, and reached through kept connections ({@link CatalogConnectionPool}).
 */
@Configuration(proxyBeanMethods = false)
public class CatalogDataSourceConfiguration {

    /**
     * An embedded catalog was opened, and checked, by the launcher before Spring started, under its
     * lock; a catalog on a database server is reached only with the credentials the launcher resolved for it.
     */
    @Bean
    public DataSource catalogDataSource(CatalogLocation location, ObjectProvider<OwnedCatalog> owned,
            Optional<CatalogCredentials> credentials, CatalogSettings settings) {
        OwnedCatalog opened = owned.getIfAvailable();
        return opened != null ? opened.dataSource()
                : dataSource(location, credentials, settings.lockTimeout());
    }

    /** The data source of a catalog this process alone uses: a catalog URL, or a directory without the launcher. */
    public DataSource dataSource(CatalogLocation location, Optional<CatalogCredentials> credentials,
            Duration lockTimeout) {
        CatalogEngine engine = CatalogEngine.of(location);
        DataSource dataSource;
        if (engine == CatalogEngine.POSTGRESQL) {
            discardDerbyLog();
            // Sets its own search path: PostgreSQL's setSchema would name a schema APP.
            dataSource = PostgresCatalog.open(location.jdbcUrl().orElseThrow(), credentials.orElseThrow(),
                    lockTimeout);
            PostgresCatalog.ensureSchema(dataSource);
        }
        else {
            configureDerby(location, lockTimeout);
            dataSource = new FixedSchemaDataSource(location.directory().map(CatalogDatabase::open)
                    .orElseGet(() -> server(location.jdbcUrl().orElseThrow(), credentials.orElseThrow())));
        }
        ForeignCode.refuse(dataSource, engine);
        CatalogSchema.ensureCurrent(dataSource, engine);
        if (engine == CatalogEngine.POSTGRESQL) {
            PostgresGuards.refuseBroken(dataSource);
        }
        return location.isEmbedded() ? dataSource : CatalogConnectionPool.of(dataSource);
    }

    private static DataSource server(String jdbcUrl, CatalogCredentials credentials) {
        return new DriverManagerDataSource(jdbcUrl, credentials.user(), credentials.password());
    }

    /**
     * Derby reads these once, when its engine boots: its log goes beside the catalog (never into
     * the working directory, never through a link), the files it creates are its owner's alone
     * whatever the umask, no class is ever loaded from a jar stored in a database (set here, this
     * overrides the database's own class path), a lock wait lasts up to the commands' wait limit
     * ({@link CatalogLockWaits} says that it waits and ends it earlier for a command with a shorter
     * limit) and a deadlock is found within a second.
     */
    static void configureDerby(CatalogLocation location, Duration lockTimeout) {
        if (location.directory().isEmpty()) {
            discardDerbyLog();
        }
        location.directory().ifPresent(catalog -> {
            Path log = catalog.resolve(CatalogDatabase.LOG_FILE);
            try {
                PrivateFiles.ensurePrivateFile(log);
            }
            catch (IOException e) {
                throw new CatalogUnavailableException("cannot use " + log + ": " + PrivateFiles.reason(e));
            }
            System.setProperty("derby.stream.error.file", log.toString());
        });
        System.setProperty("derby.storage.useDefaultFilePermissions", "false");
        System.setProperty("derby.database.classpath", "");
        System.setProperty("derby.locks.waitTimeout", Long.toString(wholeSeconds(lockTimeout)));
        System.setProperty("derby.locks.deadlockTimeout", "1");
    }

    /**
     * Where Derby's log goes when no catalog directory is there to hold it: nowhere. Without this, a
     * Derby engine that boots anyway (the embedded driver is on the class path, and libraries load
     * every driver) would create {@code derby.log} in the working directory, through any link there.
     */
    public static final OutputStream NO_DERBY_LOG = OutputStream.nullOutputStream();

    private static void discardDerbyLog() {
        if (System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.field", CatalogDataSourceConfiguration.class.getName() + ".NO_DERBY_LOG");
        }
    }

    private static long wholeSeconds(Duration duration) {
        return Math.max(1, duration.plusMillis(999).toSeconds());
    }

    /** A bean of its own, so that its watchdog stops with the context. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static CatalogLockWaits catalogLockWaits(ObjectProvider<DataSource> dataSource,
            ObjectProvider<CatalogLocation> location) {
        return new CatalogLockWaits(() -> LockWaitProbe.of(location.getObject(), dataSource::getObject));
    }

    /** Outside the transaction advice (which has the lowest precedence), so each retry is a new transaction. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor catalogLockWaitsAdvisor(CatalogLockWaits lockWaits) {
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(transactional(), lockWaits);
        advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return advisor;
    }

    private static Pointcut transactional() {
        return new ComposablePointcut(new AnnotationMatchingPointcut(Transactional.class, true))
                .union(AnnotationMatchingPointcut.forMethodAnnotation(Transactional.class));
    }

    @Bean
    public DerbyShutdown derbyShutdown(CatalogLocation location, ObjectProvider<OwnedCatalog> owned) {
        return new DerbyShutdown(location, owned.getIfAvailable());
    }

    /**
     * Shuts the embedded database down cleanly when the context closes (without it Derby replays
     * its log at the next start and identity values jump by a hundred), and lets its lock go. The
     * context closes on SIGTERM too, through Spring's shutdown hook.
     */
    public static final class DerbyShutdown implements AutoCloseable {

        private final CatalogLocation location;
        private final OwnedCatalog owned;

        DerbyShutdown(CatalogLocation location, OwnedCatalog owned) {
            this.location = location;
            this.owned = owned;
        }

        @Override
        public void close() {
            if (owned != null) {
                owned.close();
                return;
            }
            location.directory().ifPresent(catalog ->
                    CatalogDatabase.shutDown(catalog.resolve(CatalogDatabase.DATABASE_DIRECTORY)));
        }
    }
}
