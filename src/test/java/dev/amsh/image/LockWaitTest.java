package dev.amsh.image;

import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two sessions on one catalog: the other session holds an exclusive lock on the image table in
 * an open transaction (as an {@code --atomic} script that touched it does) while a command of
 * this one needs it. The command (alone, or a line of another {@code --atomic} run) says once that
 * it waits, and either completes when the lock is released or gives up at its limit, changing nothing.
 */
@TestCatalog
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LockWaitTest {

    static final String WAITING = "waiting for the catalog lock held by another session...\n";

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    Connection otherSession;

    @TempDir
    Path scripts;

    @BeforeEach
    void oneImage() {
        catalog.reset();
        assertThat(shell.run("image add foo " + CatalogFixture.imageFile(10)).exitCode()).isZero();
        assertThat(shell.run("image add bar " + CatalogFixture.imageFile(20)).exitCode()).isZero();
    }

    @AfterEach
    void endOtherSession() throws SQLException {
        if (otherSession != null && !otherSession.isClosed()) {
            otherSession.rollback();
            otherSession.close();
        }
    }

    @Test
    void aDeleteSaysOnceThatItWaitsAndCompletesWhenTheLockIsReleased() throws Exception {
        holdImageTableLock();

        long start = System.nanoTime();
        CompletableFuture<Result> delete = CompletableFuture.supplyAsync(() -> shell.run("image delete bar --yes"));
        Thread.sleep(3500);
        assertThat(delete).isNotDone();
        otherSession.rollback();
        Result result = delete.get(60, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEqualTo(WAITING);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(3500));
        assertThat(catalog.jdbc().queryForList("SELECT NAME FROM IMAGE ORDER BY NAME", String.class))
                .containsExactly("foo");
    }

    @Test
    void aDeleteGivesUpAtItsTimeoutWithOneLineAndChangesNothing() throws Exception {
        String before = catalog.snapshot();
        holdImageTableLock();

        long start = System.nanoTime();
        Result result = shell.run("image delete bar --yes -t 3s");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo(WAITING + "error: gave up after 3 s waiting for the catalog lock held by"
                + " another session; nothing was changed\n");
        assertThat(result.out()).isEmpty();
        assertThat(took).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(20));
        otherSession.rollback();
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void otherCommandsWaitTheSameWay() throws Exception {
        holdImageTableLock();

        CompletableFuture<Result> switchDefault = CompletableFuture.supplyAsync(() -> shell.run("image switch bar"));
        Thread.sleep(2500);
        assertThat(switchDefault).isNotDone();
        otherSession.rollback();
        Result result = switchDefault.get(60, TimeUnit.SECONDS);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEqualTo(WAITING);
        assertThat(catalog.jdbc().queryForObject("SELECT NAME FROM IMAGE WHERE DEFAULT_OF IS NOT NULL", String.class))
                .isEqualTo("bar");
    }

    @Test
    void aLineOfAnAtomicRunWaitsSaysSoOnceAndTheRunCompletes() throws Exception {
        Path script = script("image switch bar", "image delete foo --yes");
        holdImageTableLock();

        CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> shell.run("script " + script + " --atomic"));
        Thread.sleep(3000);
        assertThat(run).isNotDone();
        otherSession.rollback();
        Result result = run.get(60, TimeUnit.SECONDS);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEqualTo(WAITING);
        assertThat(catalog.jdbc().queryForList("SELECT NAME FROM IMAGE ORDER BY NAME", String.class))
                .containsExactly("bar");
    }

    @Test
    void aLineOfAnAtomicRunGivesUpAtItsLimitAndNothingOfTheRunIsApplied() throws Exception {
        // The first line needs only the image table; the second also reads the applications (D7), whose table is held.
        Path script = script("image switch bar", "image delete foo --yes -t 2s", "image delete bar --yes");
        String before = catalog.snapshot();
        holdLock("APPLICATION_VERSION");

        long start = System.nanoTime();
        Result result = shell.run("script " + script + " --atomic");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.exitCode()).as(result.screen()).isEqualTo(1);
        assertThat(result.err()).isEqualTo(WAITING + "error: gave up after 2 s waiting for the catalog lock held by"
                + " another session; nothing was changed\n" + "error: stopped at " + script + ":2; 1 line not run\n");
        assertThat(result.out()).contains("1> image switch bar", "2> image delete foo --yes -t 2s", "nothing applied")
                .doesNotContain("3> image delete bar");
        assertThat(took).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(20));
        otherSession.rollback();
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void aTimeoutThatIsNotADurationIsAUsageError() {
        Result result = shell.run("image delete bar --yes --timeout soon");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: --timeout takes a duration such as 30s, 5m or 1h, not 'soon'\n");
        assertThat(catalog.count("IMAGE")).isEqualTo(2);
    }

    private void holdImageTableLock() throws SQLException {
        holdLock("IMAGE");
    }

    private void holdLock(String table) throws SQLException {
        otherSession = catalog.jdbc().getDataSource().getConnection();
        otherSession.setAutoCommit(false);
        try (Statement statement = otherSession.createStatement()) {
            statement.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
        }
    }

    private Path script(String... lines) throws IOException {
        Path file = scripts.resolve("run.amsh");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }
}
