package dev.amsh.catalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The data source of the catalog the launcher resolved, its schema brought up to date before
 * anything uses it. No pool: an embedded Derby connection costs microseconds once the database
 * is booted.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogDataSourceConfiguration {

    @Bean
    public DataSource dataSource(CatalogLocation location) {
        configureDerby(location);
        DataSource dataSource = new DriverManagerDataSource(location.url());
        CatalogSchema.ensureCurrent(dataSource);
        return dataSource;
    }

    /**
     * Derby reads these once, when its engine boots: its log goes beside the catalog (never into
     * the working directory), and lock waits end soon enough for an operator to retry.
     */
    static void configureDerby(CatalogLocation location) {
        if (location.isEmbedded()) {
            System.setProperty("derby.stream.error.file",
                    location.directory().orElseThrow().resolve("derby.log").toString());
        }
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
            if (!location.isEmbedded()) {
                return;
            }
            try {
                DriverManager.getConnection("jdbc:derby:" + location.databaseDirectory() + ";shutdown=true").close();
            }
            catch (SQLException expected) {
                // Derby reports a successful database shutdown as SQLState 08006.
            }
        }
    }
}
