package dev.amsh.catalog;

import org.springframework.aop.Advisor;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The data source of the catalog the launcher resolved (embedded Derby, a Derby network server or
 * PostgreSQL), checked for code amsh did not put there and its schema brought up to date before
 * anything uses it. No pool: an embedded Derby connection costs microseconds once the database is
 * booted.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogDataSourceConfiguration {

    /** A catalog on a database server is reached only with the credentials the launcher resolved for it. */
    @Bean
    public DataSource dataSource(CatalogLocation location, Optional<CatalogCredentials> credentials) {
        CatalogEngine engine = CatalogEngine.of(location);
        DataSource dataSource;
        if (engine == CatalogEngine.POSTGRESQL) {
            // Sets its own search path: PostgreSQL's setSchema would name a schema APP.
            dataSource = PostgresCatalog.open(location.jdbcUrl().orElseThrow(), credentials.orElseThrow());
            PostgresCatalog.ensureSchema(dataSource);
        }
        else {
            configureDerby(location);
            dataSource = new FixedSchemaDataSource(location.directory().map(CatalogDatabase::open)
                    .orElseGet(() -> server(location.jdbcUrl().orElseThrow(), credentials.orElseThrow())));
        }
        ForeignCode.refuse(dataSource, engine);
        CatalogSchema.ensureCurrent(dataSource, engine);
        return dataSource;
    }

    private static DataSource server(String jdbcUrl, CatalogCredentials credentials) {
        return new DriverManagerDataSource(jdbcUrl, credentials.user(), credentials.password());
    }

    /**
     * Derby reads these once, when its engine boots: its log goes beside the catalog (never into
     * the working directory, never through a link), the files it creates are its owner's alone
     * whatever the umask, no class is ever loaded from a jar stored in a database (set here, this
     * overrides the database's own class path), and a lock wait ends after a second so that
     * {@link CatalogLockWaits} can say that it waits and retry up to the command's limit.
     */
    static void configureDerby(CatalogLocation location) {
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
        System.setProperty("derby.locks.waitTimeout", "1");
        System.setProperty("derby.locks.deadlockTimeout", "1");
    }

    /** Outside the transaction advice (which has the lowest precedence), so each retry is a new transaction. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor catalogLockWaitsAdvisor() {
        Pointcut transactional = new ComposablePointcut(new AnnotationMatchingPointcut(Transactional.class, true))
                .union(AnnotationMatchingPointcut.forMethodAnnotation(Transactional.class));
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(transactional, new CatalogLockWaits());
        advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return advisor;
    }

    @Bean
    public DerbyShutdown derbyShutdown(CatalogLocation location) {
        return new DerbyShutdown(location);
    }

    /**
     * Shuts the embedded database down cleanly when the context closes: without it Derby replays
     * its log at the next start and identity values jump by a hundred.
     */
    public static final class DerbyShutdown implements AutoCloseable {

        private final CatalogLocation location;

        DerbyShutdown(CatalogLocation location) {
            this.location = location;
        }

        @Override
        public void close() {
            location.directory().ifPresent(catalog ->
                    CatalogDatabase.shutDown(catalog.resolve(CatalogDatabase.DATABASE_DIRECTORY)));
        }
    }
}
