package dev.amsh.shell;

import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.Interruption;
import dev.amsh.command.Invocation;
import dev.amsh.support.CatalogBuilder;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.TestCatalog;
import dev.amsh.vocabulary.Actor;
import dev.amsh.vocabulary.CancelledException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C while a command typed in the REPL runs: the command stops at its next step (a page of a
 * listing, a lock-wait retry, an image of a prune), its unfinished transaction rolls back whole, one
 * line says it was interrupted with exit 130, and the shell can run the next command. The key is
 * pressed when the command's output shows it is under way, as an operator watching it would.
 */
@TestCatalog
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CtrlCInTheShellTest {

    static final String INTERRUPTED = "error: interrupted (Ctrl-C); nothing of the unfinished work was kept\n";

    @Autowired
    CommandLineExecutor executor;

    @Autowired
    Interruption interruption;

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    CatalogBuilder build;

    @TempDir
    Path scripts;

    Connection otherSession;

    @BeforeEach
    void emptyCatalog() {
        catalog.reset();
        build = new CatalogBuilder(shell, catalog);
    }

    @AfterEach
    void endOtherSession() throws SQLException {
        interruption.clear();
        if (otherSession != null && !otherSession.isClosed()) {
            otherSession.rollback();
            otherSession.close();
        }
    }

    @Test
    void aWaitForAnotherSessionsLockStopsAndChangesNothing() throws Exception {
        build.image("foo", 10);
        String before = catalog.snapshot();
        holdImageTableLock();

        Result result = typePressingCtrlCWhen("waiting for the catalog lock", "image delete foo --yes -t 60s");

        assertThat(result.exitCode()).isEqualTo(130);
        assertThat(result.err()).isEqualTo("waiting for the catalog lock held by another session...\n" + INTERRUPTED);
        otherSession.rollback();
        assertThat(catalog.snapshot()).isEqualTo(before);
        assertThat(shell.run("image list --format csv").out()).contains("foo");
    }

    @Test
    void aLongListingStopsBetweenPages() {
        for (int i = 0; i < 600; i++) {
            build.immutableImage("image-%04d".formatted(i), false, 1);
        }

        Result result = typePressingCtrlCWhen("image-0000", "image list --format csv");

        assertThat(result.exitCode()).isEqualTo(130);
        assertThat(result.err()).isEqualTo(INTERRUPTED);
        assertThat(result.out()).contains("image-0000").doesNotContain("image-0599");
    }

    @Test
    void aPruneInterruptedAfterItsPlanRemovesNothing() {
        build.image("a", 10, 20);
        build.image("b", 30, 40);
        String before = catalog.snapshot();

        Result result = typePressingCtrlCWhen("keep", "image prune --keep-last 1 --yes");

        assertThat(result.exitCode()).isEqualTo(130);
        assertThat(result.err()).isEqualTo(INTERRUPTED);
        assertThat(result.out()).doesNotContain("pruned");
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void ctrlCAtTheQuestionInterruptsTheCommand() {
        build.image("a", 10);

        StringWriter err = new StringWriter();
        Invocation invocation = Invocation.interactive(Actor.of("test", "image delete a"), new PrintWriter(err, true),
                question -> {
                    throw new CancelledException();
                });
        int code = interruption.cancellable(() -> executor.execute("image delete a", new PrintWriter(new StringWriter()),
                invocation)).code();

        assertThat(code).isEqualTo(130);
        assertThat(err.toString()).isEqualTo(INTERRUPTED);
        assertThat(catalog.count("IMAGE")).isEqualTo(1);
        assertThat(catalog.jdbc().queryForObject("SELECT OUTCOME FROM AUDIT_EVENT ORDER BY ID DESC FETCH FIRST 1 ROWS ONLY",
                String.class)).isEqualTo("interrupted");
        assertThat(shell.runAnswering("audit list --limit 1").out()).contains(" interrupted ");
    }

    @Test
    void aScriptStopsAfterItsLineInProgressWhichIsNeverCutInside() throws IOException {
        build.image("a", 10, 20);
        build.image("b", 30);
        Path file = Files.writeString(scripts.resolve("cleanup.amsh"),
                String.join("\n", "image delete b --yes", "image prune --keep-last 1 --yes", "image delete a --yes"));

        Result result = typePressingCtrlCWhen(file + ":2>", "script " + file);

        assertThat(result.exitCode()).isEqualTo(130);
        assertThat(result.out()).contains("pruned 1 version").contains("interrupted at " + file + ":2");
        assertThat(catalog.jdbc().queryForList("SELECT VERSION FROM IMAGE_VERSION", Integer.class)).containsExactly(1);
    }

    @Test
    void theNextCommandRunsAsUsual() {
        build.image("a", 10);
        typePressingCtrlCWhen("a", "image list --format csv");

        Result next = typePressingCtrlCWhen("never printed", "image list --format csv");

        assertThat(next.exitCode()).isZero();
        assertThat(next.out()).contains("a");
    }

    /**
     * Runs a line as the REPL does (clearing any earlier Ctrl-C, then cancellably), pressing Ctrl-C once
     * its output or errors show {@code sign}.
     */
    private Result typePressingCtrlCWhen(String sign, String line) {
        StringWriter out = pressingCtrlCWhen(sign);
        StringWriter err = pressingCtrlCWhen(sign);
        Invocation invocation = Invocation.unattended(Actor.of("test", line), new PrintWriter(err, true));
        interruption.clear();
        int code = interruption.cancellable(() -> executor.execute(line, new PrintWriter(out, true), invocation)).code();
        return new Result(code, out.toString(), err.toString());
    }

    private StringWriter pressingCtrlCWhen(String sign) {
        return new StringWriter() {
            @Override
            public void write(String text, int offset, int length) {
                super.write(text, offset, length);
                if (toString().contains(sign)) {
                    interruption.request();
                }
            }
        };
    }

    private void holdImageTableLock() throws SQLException {
        otherSession = catalog.jdbc().getDataSource().getConnection();
        otherSession.setAutoCommit(false);
        try (Statement statement = otherSession.createStatement()) {
            statement.execute("LOCK TABLE IMAGE IN EXCLUSIVE MODE");
        }
    }
}
