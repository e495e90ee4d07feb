package dev.amsh.catalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The data source of the catalog the launcher resolved, checked for code amsh did not put there
 * and its schema brought up to date before anything uses it. No pool: an embedded Derby
 * connection costs microseconds once the database is booted.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogDataSourceConfiguration {

    @Bean
    public DataSource dataSource(CatalogLocation location) {
        configureDerby(location);
        DataSource dataSource = location.directory().map(CatalogDatabase::open)
                .orElseGet(() -> new DriverManagerDataSource(location.jdbcUrl().orElseThrow()));
        ForeignCode.refuse(dataSource);
        CatalogSchema.ensureCurrent(dataSource);
        return dataSource;
    }

    /**
     * Derby reads these once, when its engine boots: its log goes beside the catalog (never into
     * the working directory, never through a link), the files it creates are its owner's alone
     * whatever the umask, no class is ever loaded from a jar stored in a database (set here, this
     * overrides the database's own class path), and lock waits end soon enough for an operator to
     * retry.
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
        System.setProperty("derby.locks.waitTimeout", "20");
        System.setProperty("derby.locks.deadlockTimeout", "2");
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
