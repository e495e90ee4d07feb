package dev.amsh.catalog;

import dev.amsh.AmshApplication;
import dev.amsh.command.LaunchArguments;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.ShellHarness.Result;
import org.apache.derby.drda.NetworkServerControl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lock waits on a catalog served by a Derby network server on 127.0.0.1: a line of an atomic run
 * that meets another session's lock waits, says so, and gives up at the limit. The server asks for
 * no password here (what it checks is NetworkServerCatalogTest's subject); amsh still sends one.
 */
class NetworkLockWaitTest {

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

    static final CatalogCredentials SESSION_USER = new CatalogCredentials("amsh", "any-Pw-0");

    static final String WAITING = "waiting for the catalog lock held by another session...\n";

    /**
     * The server's engine runs in this JVM, so the wait limit of the session that boots a database
     * is also the server's lock wait for that database: each test below has a database of its own.
     */
    @Test
    void aLineOfAnAtomicRunWaitsForAnotherSessionsLockAndCompletes() throws Exception {
        String url = "jdbc:derby://127.0.0.1:" + port + "/" + serverHome.resolve("waits") + ";create=true";
        try (ConfigurableApplicationContext session = session(url)) {
            assertThat(run(session, "image add base " + CatalogFixture.imageFile(64)).exitCode()).isZero();
            assertThat(run(session, "image add old " + CatalogFixture.imageFile(32)).exitCode()).isZero();
            Path script = script("image delete old --yes");

            try (Connection other = holdLock(url, "IMAGE")) {
                CompletableFuture<Result> atomic = CompletableFuture.supplyAsync(
                        () -> run(session, "script " + script + " --atomic"));
                Thread.sleep(3000);
                assertThat(atomic).isNotDone();
                other.rollback();
                Result result = atomic.get(60, TimeUnit.SECONDS);

                assertThat(result.exitCode()).as(result.err()).isZero();
                assertThat(result.err()).isEqualTo(WAITING);
            }
            assertThat(run(session, "image list").out()).contains("base").doesNotContain("old");
        }
    }

    @Test
    void aLineOfAnAtomicRunGivesUpAtTheLimitAndNothingOfTheRunIsApplied() throws Exception {
        String url = "jdbc:derby://127.0.0.1:" + port + "/" + serverHome.resolve("gives-up") + ";create=true";
        try (ConfigurableApplicationContext session = session(url, "amsh.catalog.lock-timeout=2s")) {
            assertThat(run(session, "image add base " + CatalogFixture.imageFile(64)).exitCode()).isZero();
            assertThat(run(session, "image add old " + CatalogFixture.imageFile(32)).exitCode()).isZero();
            // The first line needs only the image table; the second also reads the applications' (D7).
            Path script = script("image switch old", "image delete base --yes", "image delete old --yes");
            String before = run(session, "image list").out();

            Result result;
            try (Connection other = holdLock(url, "APPLICATION_VERSION")) {
                result = run(session, "script " + script + " --atomic");
                other.rollback();
            }

            assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(1);
            assertThat(result.err()).isEqualTo(WAITING + "error: gave up after 2 s waiting for the catalog lock held by"
                    + " another session; nothing was changed\n" + "error: stopped at " + script + ":2; 1 line not run\n");
            assertThat(result.out()).contains("nothing applied");
            assertThat(run(session, "image list").out()).isEqualTo(before);
        }
    }

    private static Connection holdLock(String url, String table) throws SQLException {
        Connection other = DriverManager.getConnection(url);
        other.setAutoCommit(false);
        try (Statement statement = other.createStatement()) {
            statement.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
        }
        return other;
    }

    private static Path script(String... lines) throws IOException {
        Path file = Files.createTempFile(serverHome, "run", ".amsh");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static ConfigurableApplicationContext session(String url, String... properties) {
        return new SpringApplicationBuilder(AmshApplication.class)
                .web(WebApplicationType.NONE)
                .properties("logging.level.root=OFF")
                .properties(properties)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("catalogLocation", CatalogLocation.server(url));
                    context.getBeanFactory().registerSingleton("catalogCredentials", SESSION_USER);
                    context.getBeanFactory().registerSingleton("launchArguments", new LaunchArguments(List.of(), false));
                })
                .run();
    }

    private static Result run(ConfigurableApplicationContext session, String line) {
        return ShellHarness.of(session).run(line);
    }
}
