package dev.amsh.support;

import dev.amsh.AmshApplication;
import dev.amsh.catalog.CatalogLocation;
import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.LaunchArguments;
import org.apache.derby.drda.NetworkServerControl;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The databases a catalog can live in, for tests that must hold on each of them alike: run them
 * as a {@code @ParameterizedClass} over this enum and take the beans from {@link #bean}. Each
 * backend's catalog (and amsh context) is made once per JVM and shared by the test classes.
 */
public enum CatalogBackend {

    EMBEDDED_DERBY {
        @Override
        CatalogLocation newCatalog() throws IOException {
            return CatalogLocation.embedded(Files.createTempDirectory("amsh-test-catalog"));
        }
    },
    DERBY_NETWORK {
        @Override
        CatalogLocation newCatalog() throws Exception {
            Path home = Files.createTempDirectory("amsh-test-derby-server");
            return CatalogLocation.server("jdbc:derby://127.0.0.1:" + derbyServerPort() + "/" + home.resolve("catalog")
                    + ";create=true");
        }
    },
    POSTGRESQL {
        @Override
        CatalogLocation newCatalog() {
            PostgresServer server = PostgresServer.get();
            return CatalogLocation.server(server.adminUrl(server.createDatabase()));
        }
    };

    private static final Map<CatalogBackend, ConfigurableApplicationContext> CONTEXTS = new EnumMap<>(CatalogBackend.class);
    private static int derbyServerPort;

    abstract CatalogLocation newCatalog() throws Exception;

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

    /** An amsh context on the catalog at {@code location}: with the location of another, a second session on its catalog. */
    public static ConfigurableApplicationContext session(CatalogLocation location) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(AmshApplication.class, Fixtures.class)
                .web(WebApplicationType.NONE)
                .properties("logging.level.root=OFF")
                .initializers(initialized -> {
                    initialized.getBeanFactory().registerSingleton("catalogLocation", location);
                    initialized.getBeanFactory().registerSingleton("launchArguments",
                            new LaunchArguments(List.of(), false));
                })
                .run();
        Runtime.getRuntime().addShutdownHook(new Thread(context::close));
        return context;
    }

    /** The test helpers {@link TestCatalogConfiguration} also gives, for contexts made here. */
    @Configuration(proxyBeanMethods = false)
    static class Fixtures {

        @Bean
        CatalogFixture catalogFixture(JdbcTemplate jdbc) {
            return new CatalogFixture(jdbc);
        }

        @Bean
        ShellHarness shellHarness(CommandLineExecutor executor) {
            return new ShellHarness(executor);
        }
    }

    private static synchronized int derbyServerPort() throws Exception {
        if (derbyServerPort == 0) {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            NetworkServerControl server = new NetworkServerControl(InetAddress.getLoopbackAddress(), port);
            server.start(new PrintWriter(new StringWriter()));
            // The server says nothing when it listens: ping it until it answers, however loaded the machine.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                try {
                    server.ping();
                    break;
                }
                catch (Exception notYet) {
                    if (System.nanoTime() - deadline > 0) {
                        throw notYet;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                }
            }
            derbyServerPort = port;
        }
        return derbyServerPort;
    }
}
