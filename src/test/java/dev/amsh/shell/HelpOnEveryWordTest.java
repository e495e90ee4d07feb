package dev.amsh.shell;

import dev.amsh.Launcher;
import dev.amsh.command.AmshCommand;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.shell.core.command.CommandRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --help} after any word a new user may type first: every command, every group, and the
 * words amsh runs before any shell ({@code serve}, {@code dashboard}); exit 0, the usage on stdout.
 */
@TestCatalog
class HelpOnEveryWordTest {

    @Autowired
    ShellHarness shell;

    @Autowired
    CommandRegistry registry;

    @TempDir
    Path home;

    @Test
    void everyCommandAndEveryGroupAnswersHelp() {
        Set<String> groups = new TreeSet<>();
        for (var command : registry.getCommands()) {
            if (!(command instanceof AmshCommand amsh) || command.isHidden()) {
                continue;
            }
            Result help = shell.run(amsh.spec().name() + " --help");
            assertThat(help.exitCode()).as(amsh.spec().name() + ": " + help.err()).isZero();
            assertThat(help.out()).contains("usage: " + amsh.spec().name());
            // Every option's and argument's description starts in the one column after its usage.
            assertThat(help.out().lines().filter(line -> line.startsWith("  -") || line.startsWith("  <")))
                    .as(amsh.spec().name())
                    .allSatisfy(line -> assertThat(line.length() > 31 && line.charAt(30) == ' ' && line.charAt(31) != ' ')
                            .as(line).isTrue());
            if (amsh.spec().name().contains(" ")) {
                groups.add(amsh.spec().name().substring(0, amsh.spec().name().indexOf(' ')));
            }
        }
        assertThat(groups).contains("image", "application", "audit");
        for (String group : groups) {
            Result help = shell.run(group + " --help");
            assertThat(help.exitCode()).as(group + ": " + help.err()).isZero();
            assertThat(help.out()).startsWith("  " + group + " ");
            assertThat(shell.run(group + " -h").out()).isEqualTo(help.out());
        }
    }

    @Test
    void anAliasedGroupAnswersWithTheGroupsCommands() {
        Result help = shell.run("app --help");

        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).contains("application list").contains("application delete");
    }

    @Test
    void aGroupAloneIsStillAUsageErrorThatListsItsCommands() {
        Result group = shell.run("image");

        assertThat(group.exitCode()).isEqualTo(2);
        assertThat(group.err()).startsWith("error: unknown command 'image'; try: image add");
    }

    @Test
    void serveAndDashboardAnswerHelpBeforeAnyCatalogIsOpened() {
        for (String word : List.of("serve", "dashboard")) {
            Path catalog = home.resolve(word);
            PrintStream stdout = System.out;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                code = Launcher.run(new String[] {"--catalog", catalog.toString(), word, "--help"}, Map.of(),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
            }
            finally {
                System.setOut(stdout);
            }

            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith(word + " - ").contains("usage: amsh")
                    .contains("--port N");
            assertThat(catalog).doesNotExist();
        }
    }

    @Test
    void helpTypedInTheShellOffersExitAndAScriptsLineDoesNot() throws IOException {
        String exit = "Leave the shell (also quit, Ctrl-D)";
        Path script = Files.writeString(home.resolve("help.amsh"), "help\n");

        Result replayed = shell.run("script " + script);

        assertThat(shell.run("help").out()).contains(exit);
        assertThat(replayed.exitCode()).as(replayed.err()).isZero();
        assertThat(replayed.out()).contains("image delete").doesNotContain(exit);
    }

    @Test
    void aGlobalOptionAfterTheCommandIsShownWhereItGoes() {
        Result misplaced = shell.run("image list --catalog /srv/catalog");

        assertThat(misplaced.exitCode()).isEqualTo(2);
        assertThat(misplaced.err()).isEqualTo("error: unknown option --catalog for 'image list'; it is an option of"
                + " amsh itself, given before the command: amsh --catalog DIR image list\n");
    }
}
