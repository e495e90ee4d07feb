package dev.amsh.shell;

import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.Interruption;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Commands piped into the shell ({@code printf 'image list\n' | amsh}): no prompts, and the worst exit code. */
@TestCatalog
class PipedShellTest {

    @Autowired
    CommandLineExecutor executor;

    @Autowired
    Interruption interruption;

    @Autowired
    CatalogFixture catalog;

    @TempDir
    Path home;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void emptyCatalog() {
        catalog.reset();
    }

    @Test
    void everyLineRunsWithoutAPromptAndTheWorstOutcomeIsTheExitCode() throws IOException {
        InteractiveShellRunner shell = pipe("image frobnicate\nimage delete missing --yes\n\nimage list --format json\n");

        assertThat(out.toString()).isEqualTo("[]\n");
        assertThat(err.toString()).startsWith("error: unknown command 'image frobnicate'")
                .contains("error: cannot delete missing").doesNotContain(ReplTerminal.PROMPT);
        assertThat(shell.exitCode()).as("a line not understood outweighs a refusal").isEqualTo(2);
    }

    @Test
    void aRefusalAloneExitsOneAndExitEndsTheInput() throws IOException {
        InteractiveShellRunner shell = pipe("image delete missing --yes\nexit\nimage frobnicate\n");

        assertThat(shell.exitCode()).isEqualTo(1);
        assertThat(err.toString()).doesNotContain("frobnicate");
    }

    @Test
    void linesThatAllSucceedExitZero() throws IOException {
        InteractiveShellRunner shell = pipe("image list\nhelp\n");

        assertThat(shell.exitCode()).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain(ReplTerminal.PROMPT);
    }

    private InteractiveShellRunner pipe(String input) throws IOException {
        InteractiveShellRunner shell = new InteractiveShellRunner(executor, null, home.resolve("history"), interruption,
                false);
        shell.runPiped(new BufferedReader(new StringReader(input)), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return shell;
    }
}
