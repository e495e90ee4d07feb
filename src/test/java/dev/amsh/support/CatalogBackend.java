package dev.amsh.support;

import dev.amsh.AmshApplication;
import dev.amsh.catalog.CatalogCredentials;
import dev.amsh.catalog.CatalogLocation;
import dev.amsh.client.BuildInfo;
import dev.amsh.service.ApplicationCommands;
import dev.amsh.service.CatalogService;
import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.LaunchArguments;
import org.springframework.boot.WebApplicationType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The databases a catalog can live in, for tests that must hold on each of them alike: run them
 * as a {@code @ParameterizedClass} over this enum and take the beans from {@link #bean}. Each
 * backend's catalog (and amsh context) is made once per JVM and shared by the test classes.
 */
public enum CatalogBackend {

    EMBEDDED_DERBY {
        @Override
        Catalog newCatalog() {
            return new Catalog(CatalogLocation.embedded(TemporaryDirectory.untilExit("amsh-test-catalog")), Optional.empty());
        }
    },
    DERBY_NETWORK {
        /** As the owner of the database, who may also empty the audit between tests. */
        @Override
        Catalog newCatalog() throws Exception {
            AuthenticatedDerbyServer server = AtJvmExit.close(
                    AuthenticatedDerbyServer.start(TemporaryDirectory.untilExit("amsh-test-derby")));
            return new Catalog(CatalogLocation.server(server.url()), Optional.of(AuthenticatedDerbyServer.OWNER));
        }
    },
    /**
     * An embedded catalog owned by its service: the shell's sessions ({@link ShellHarness}) are its
     * clients, each line a request over the service's socket, as the REPL and one-shot commands run them.
     */
    SERVED_DERBY {
        @Override
        Catalog newCatalog() {
            return new Catalog(CatalogLocation.embedded(TemporaryDirectory.untilExit("amsh-test-served")), Optional.empty(),
                    true);
        }
    },
    POSTGRESQL {
        @Override
        Catalog newCatalog() {
            PostgresServer server = PostgresServer.get();
            return new Catalog(CatalogLocation.server(server.url(server.createDatabase())),
                    Optional.of(server.adminCredentials()));
        }
    };

    private static final Map<CatalogBackend, ConfigurableApplicationContext> CONTEXTS = new EnumMap<>(CatalogBackend.class);

    /**
     * Where a test catalog is and who connects to it.
     *
     * @param served whether the shell's sessions are clients of the catalog's service
     */
    public record Catalog(CatalogLocation location, Optional<CatalogCredentials> credentials, boolean served) {

        public Catalog(CatalogLocation location, Optional<CatalogCredentials> credentials) {
            this(location, credentials, false);
        }
    }

    abstract Catalog newCatalog() throws Exception;

    /** A bean of this backend's shared amsh context. */
    public <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    public synchronized ConfigurableApplicationContext context() {
        return CONTEXTS.computeIfAbsent(this, backend -> backend.session());
    }

    /** A new amsh context on a new, empty catalog of this backend: a session of its own. */
    public ConfigurableApplicationContext session() {
        try {
            return session(newCatalog());
        }
        catch (Exception e) {
            throw new IllegalStateException("cannot make a " + this + " catalog: " + e.getMessage(), e);
        }
    }

    /** An amsh context on {@code catalog}: with another session's catalog, a second session on it. */
    public static ConfigurableApplicationContext session(Catalog catalog) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(AmshApplication.class, Fixtures.class)
                .web(WebApplicationType.NONE)
                .properties("logging.level.root=OFF", "amsh.test.served=" + catalog.served())
                .initializers(initialized -> {
                    initialized.getBeanFactory().registerSingleton("catalogLocation", catalog.location());
                    catalog.credentials().ifPresent(credentials ->
                            initialized.getBeanFactory().registerSingleton("catalogCredentials", credentials));
                    initialized.getBeanFactory().registerSingleton("launchArguments",
                            new LaunchArguments(List.of(), false));
                })
                .run();
        return AtJvmExit.close(context);
    }

    /**
     * The test helpers {@link TestCatalogConfiguration} also gives, for contexts made here. Not a
     * {@code @Configuration}: the test contexts' component scan would add its beans a second time.
     */
    static class Fixtures {

        @Bean
        CatalogFixture catalogFixture(JdbcTemplate jdbc) {
            return new CatalogFixture(jdbc);
        }

        /** For a served catalog, the catalog's service in this JVM and a harness that is its client. */
        @Bean
        ShellHarness shellHarness(CommandLineExecutor executor, CatalogLocation location, ConfigurableApplicationContext context,
                @Value("${amsh.test.served:false}") boolean served) throws IOException {
            if (!served) {
                return new ShellHarness(executor);
            }
            Path catalog = location.directory().orElseThrow();
            CatalogService.start(new CatalogService.Settings(catalog, Optional.empty(), "test service",
                    BuildInfo.current().identity()), new ApplicationCommands(context), System.err);
            return new ServedShellHarness(catalog);
        }
    }
}
