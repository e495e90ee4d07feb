package dev.amsh.command;

import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names that no command accepts (ESC, BEL, CR, a right-to-left override, a zero-width space), planted by
 * SQL as another writer of a team's catalog could, then every command that prints a name run on them:
 * refusals, confirmations, plans and plain messages all reach the terminal with the names escaped.
 */
@TestCatalog
class RawNamesInMessagesTest {

    private static final String HOSTILE = "\u001b]0;owned\u0007\r\u202e\u200b";
    private static final String SHOWN = "\\e]0;owned\\x07\\r\\u202E\\u200B";

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    @TempDir
    Path directory;

    @BeforeEach
    void emptyCatalog() {
        catalog.reset();
    }

    @Test
    void everyCommandThatNamesAPlantedImageOrApplicationPrintsItEscaped() throws IOException {
        ok("image add solo " + CatalogFixture.imageFile(16));
        ok("image add used " + CatalogFixture.imageFile(17));
        ok("image update used " + CatalogFixture.imageFile(18));
        ok("image update used " + CatalogFixture.imageFile(19));
        ok("application create app --image used");
        catalog.jdbc().update("UPDATE IMAGE SET NAME = NAME || ?", HOSTILE);
        catalog.jdbc().update("UPDATE APPLICATION SET NAME = NAME || ?", HOSTILE);
        String solo = id("IMAGE", "solo");
        String used = id("IMAGE", "used");
        String app = id("APPLICATION", "app");
        Path script = directory.resolve("cleanup.amsh");
        Files.writeString(script, "image delete " + used + " --yes\nimage delete " + solo + " --version 0 --yes\n");

        List<Result> results = new ArrayList<>();
        results.add(shell.run("image delete " + solo + " --version 0 --yes"));
        results.add(shell.run("image delete " + used + " --yes"));
        results.add(shell.run("image switch " + used));
        results.add(shell.run("application create app2 --image " + used));
        results.add(shell.run("application update " + app + " --image " + solo));
        results.add(shell.run("image prune --keep-last 1 --dry-run"));
        results.add(shell.run("script " + script + " --dry-run --continue-on-error"));
        results.add(shell.runAnswering("image delete " + solo, "n"));
        results.add(shell.runAnswering("application delete " + app, "n"));
        results.add(shell.run("image list --format csv"));
        results.add(shell.run("image update " + solo + " " + CatalogFixture.imageFile(20)));
        results.add(shell.run("image delete " + used + " --version 0 --yes"));
        results.add(shell.run("image show " + used));
        results.add(shell.run("image list"));
        results.add(shell.run("application list"));
        results.add(shell.run("application show " + app));
        results.add(shell.run("audit list"));

        String screen = String.join("\n", results.stream().map(Result::screen).toList());
        assertThat(screen).doesNotContain("\u001b", "\u0007", "\u202e", "\u200b");
        assertThat(screen.replace("\r\n", "\n")).doesNotContain("\r");
        assertThat(results.get(0).err()).contains("solo" + SHOWN).contains("D4");
        assertThat(results.get(1).err()).contains("app" + SHOWN).contains("D7");
        assertThat(results.get(2).out()).contains("used" + SHOWN);
        assertThat(results.get(5).out()).contains("used" + SHOWN);
        assertThat(results.get(6).screen()).contains("used" + SHOWN);
        assertThat(results.get(9).out()).contains("\r\n");
        assertThat(results.get(11).screen()).contains("used" + SHOWN);
    }

    @Test
    void theGateLeavesLineEndsTabsAndAlreadyEscapedTextAsTheyWere() {
        StringWriter written = new StringWriter();
        PrintWriter gate = TerminalWriter.guard(new PrintWriter(written));

        gate.print("a\tb\r\nc\\e already\n" + "bell\u0007 cr\rover");
        gate.close();

        assertThat(written).hasToString("a\tb\r\nc\\e already\nbell\\x07 cr\\rover");
        assertThat(TerminalWriter.guard(gate)).isSameAs(gate);
    }

    private String id(String table, String prefix) {
        return catalog.jdbc().queryForObject("SELECT ID FROM " + table + " WHERE NAME LIKE ?", String.class, prefix + "%");
    }

    private void ok(String line) {
        Result result = shell.run(line);
        assertThat(result.exitCode()).as("%s: %s", line, result.err()).isZero();
    }
}
