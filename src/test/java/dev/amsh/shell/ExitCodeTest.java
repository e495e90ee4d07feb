package dev.amsh.shell;

import dev.amsh.support.CatalogBuilder;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A refusal and a failure end with different exit codes, one-shot as in the REPL, so a script or
 * a cron job can retry a failure and leave a refusal to a person; and the audit log agrees.
 */
@TestCatalog
class ExitCodeTest {

    private static final int REFUSED = 1;
    private static final int USAGE = 2;
    private static final int FAILED = 3;

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    @TempDir
    Path directory;

    @BeforeEach
    void catalogWithAnImageInUse() {
        catalog.reset();
        CatalogBuilder build = new CatalogBuilder(shell, catalog);
        build.image("jammy", 1024);
        build.application("app1", "jammy");
    }

    @Test
    void aRuleRefusalIsOneAndAuditedAsRefused() {
        Result result = shell.runWords(List.of("image", "delete", "jammy", "--yes"));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(REFUSED);
        assertThat(result.err()).contains("D7 in use");
        assertThat(lastOutcome()).isEqualTo("refused");
    }

    @Test
    void aRequestTheCatalogsStateDoesNotAllowIsARefusalToo() {
        Result result = shell.runWords(List.of("application", "create", "app1"));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(REFUSED);
        assertThat(result.err()).isEqualTo("error: application app1 already exists; use 'application update app1'"
                + " to add a version\n");
        assertThat(lastOutcome()).isEqualTo("refused");
    }

    @Test
    void aDatabaseErrorIsAFailure() {
        // A constraint the catalog does not have stands for any error the database raises.
        catalog.jdbc().update("ALTER TABLE IMAGE ADD CONSTRAINT TEST_DOOMED CHECK (NAME <> 'doomed')");
        try {
            String before = catalog.snapshot();

            Result result = shell.runWords(List.of("image", "add", "doomed", CatalogFixture.imageFile(64).toString()));

            assertThat(result.exitCode()).as(result.err()).isEqualTo(FAILED);
            assertThat(result.err()).startsWith("error: catalog error: ").endsWith("; nothing was changed\n");
            assertThat(catalog.snapshot()).isEqualTo(before);
            assertThat(lastOutcome()).isEqualTo("failed");
        }
        finally {
            catalog.jdbc().update("ALTER TABLE IMAGE DROP CONSTRAINT TEST_DOOMED");
        }
    }

    @Test
    void anImageFileThatCannotBeReadIsAFailureWhileNoSuchFileIsABadValue() {
        Path unreadable = Path.of("/proc/self/mem");
        assumeTrue(Files.isReadable(unreadable), "a Linux /proc");

        Result failed = shell.runWords(List.of("image", "add", "foo", unreadable.toString()));
        Result missing = shell.runWords(List.of("image", "add", "foo", directory.resolve("missing.img").toString()));

        assertThat(failed.exitCode()).as(failed.err()).isEqualTo(FAILED);
        assertThat(failed.err()).startsWith("error: cannot read " + unreadable + ": ");
        assertThat(missing.exitCode()).as(missing.err()).isEqualTo(USAGE);
        assertThat(missing.err()).endsWith(": no such file\n");
    }

    @Test
    void anUnreachableImageServerIsAFailure() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        shell.run("image server set http://127.0.0.1:" + closedPort + "/index.json");

        Result result = shell.runWords(List.of("image", "server", "sync"));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(FAILED);
        assertThat(result.err()).contains("the server is unreachable");
    }

    @Test
    void helpListsTheExitCodes() {
        assertThat(shell.run("help").out()).contains("Exit codes: 0 done, 1 refused, 2 input not understood,"
                + " 3 failed (database, I/O, network, internal), 130 interrupted.");
    }

    private String lastOutcome() {
        return catalog.jdbc().queryForObject(
                "SELECT OUTCOME FROM AUDIT_EVENT ORDER BY ID DESC FETCH FIRST 1 ROWS ONLY", String.class);
    }
}
