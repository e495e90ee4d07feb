package dev.amsh.catalog;

import dev.amsh.AmshApplication;
import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.Invocation;
import dev.amsh.command.LaunchArguments;
import dev.amsh.support.CatalogFixture;
import org.apache.derby.drda.NetworkServerControl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shared catalog on a Derby network server on 127.0.0.1: two sessions, each its own amsh
 * context with its own connections, see each other's changes, and the rules hold across them.
 */
class NetworkServerCatalogTest {

    @TempDir
    static Path serverHome;

    static NetworkServerControl server;
    static int port;

    @BeforeAll
    static void startServer() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        server = new NetworkServerControl(InetAddress.getLoopbackAddress(), port);
        server.start(new PrintWriter(new StringWriter()));
        // The server starts in a thread of its own and says nothing when it listens: ping it until it
        // answers. The bound only detects a server that never starts, however loaded the machine.
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
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.shutdown();
    }

    record Result(int exitCode, String out, String err) {
    }

    @Test
    void twoSessionsShareTheCatalogAndItsRules() throws Exception {
        String url = "jdbc:derby://127.0.0.1:" + port + "/" + serverHome.resolve("catalog") + ";create=true";
        try (ConfigurableApplicationContext first = session(url); ConfigurableApplicationContext second = session(url)) {
            String file = CatalogFixture.imageFile(64).toString();

            assertThat(run(first, "image add base " + file).exitCode()).isZero();
            assertThat(run(first, "application create app1 --image base").exitCode()).isZero();

            Result refused = run(second, "image delete base --yes");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("D7 in use").contains("app1");

            assertThat(run(second, "application delete app1 --yes").exitCode()).isZero();
            Result removed = run(first, "image delete base --yes");
            assertThat(removed.exitCode()).isZero();
            assertThat(removed.out()).contains("removed base: version 0 (64 B)");
        }
    }

    @Test
    void aUserNameNeverSelectsAnotherSchema() throws Exception {
        String database = "jdbc:derby://127.0.0.1:" + port + "/" + serverHome.resolve("users") + ";create=true";
        try (ConfigurableApplicationContext ops = session(database + ";user=ops;password=x");
                ConfigurableApplicationContext dev = session(database + ";user=dev;password=y")) {
            assertThat(run(ops, "image add base " + CatalogFixture.imageFile(64)).exitCode()).isZero();

            Result seen = run(dev, "image list");
            assertThat(seen.exitCode()).isZero();
            assertThat(seen.out()).contains("base");
        }
        try (Connection connection = DriverManager.getConnection(database + ";user=ops;password=x");
                ResultSet tables = connection.getMetaData().getTables(null, null, "IMAGE", null)) {
            assertThat(tables.next()).isTrue();
            assertThat(tables.getString("TABLE_SCHEM")).isEqualTo(CatalogSchema.SCHEMA);
            assertThat(tables.next()).as("no second catalog in another schema").isFalse();
        }
    }

    private static ConfigurableApplicationContext session(String url) {
        return new SpringApplicationBuilder(AmshApplication.class)
                .web(WebApplicationType.NONE)
                .properties("logging.level.root=OFF")
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("catalogLocation", CatalogLocation.server(url));
                    context.getBeanFactory().registerSingleton("launchArguments", new LaunchArguments(List.of(), false));
                })
                .run();
    }

    private static Result run(ConfigurableApplicationContext session, String line) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = session.getBean(CommandLineExecutor.class)
                .execute(line, new PrintWriter(out, true), Invocation.unattended(Actor.of("test", line),
                        new PrintWriter(err, true)))
                .code();
        return new Result(code, out.toString(), err.toString());
    }
}
