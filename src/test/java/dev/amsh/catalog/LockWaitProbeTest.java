package dev.amsh.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded engine's probe tells a statement waiting for another session's row lock from any other thread. */
class LockWaitProbeTest {

    @Test
    void anEmbeddedProbeSeesAThreadWaitingForARowLockAndNoOtherAndMayEndIt(@TempDir Path directory) throws Exception {
        String url = "jdbc:derby:" + directory.resolve("db") + ";create=true";
        LockWaitProbe probe = LockWaitProbe.of(CatalogLocation.embedded(directory), () -> null);
        assertThat(probe.interruptible()).isTrue();
        try (Connection holder = DriverManager.getConnection(url); Connection waiter = DriverManager.getConnection(url)) {
            try (Statement statement = holder.createStatement()) {
                statement.execute("CREATE TABLE T (ID INT PRIMARY KEY, V INT)");
                statement.execute("INSERT INTO T VALUES (1, 0)");
            }
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.executeUpdate("UPDATE T SET V = 1 WHERE ID = 1");
            }
            Thread waiting = new Thread(() -> {
                try (Statement statement = waiter.createStatement()) {
                    statement.executeUpdate("UPDATE T SET V = 2 WHERE ID = 1");
                }
                catch (SQLException ended) {
                    // the holder's rollback lets it through, or the engine's own limit ends it
                }
            });
            waiting.start();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!probe.waits(waiting)) {
                assertThat(System.nanoTime()).as("the probe saw the wait").isLessThan(until);
                Thread.sleep(20);
            }
            assertThat(probe.waits(Thread.currentThread())).isFalse();
            holder.rollback();
            waiting.join(30_000);
            assertThat(waiting.isAlive()).isFalse();
            assertThat(probe.waits(waiting)).isFalse();
        }
    }

    @Test
    void aServersProbeNeverInterrupts() {
        LockWaitProbe derbyServer = LockWaitProbe.of(CatalogLocation.server("jdbc:derby://localhost:1527/catalog"), () -> null);
        LockWaitProbe postgres = LockWaitProbe.of(CatalogLocation.server("jdbc:postgresql://localhost/catalog"), () -> null);
        assertThat(derbyServer.interruptible()).isFalse();
        assertThat(postgres.interruptible()).isFalse();
        assertThat(derbyServer.waits(Thread.currentThread())).isFalse();
        assertThat(postgres.waits(Thread.currentThread())).isFalse();
    }
}
