package dev.amsh.shell.completion;

import dev.amsh.support.CatalogBuilder;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.CompletionShells;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Completion for one-shot use: {@code __complete} prints what Tab offers in the REPL, and the
 * bash script, run by a real bash, turns that into COMPREPLY for the word bash completes.
 */
@TestCatalog
class OneShotCompletionTest {

    private static final String AMD64 = "jammy:android13:amd64";
    private static final String ARM64 = "jammy:android13:arm64";

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    @BeforeEach
    void catalog() {
        catalog.reset();
        CatalogBuilder build = new CatalogBuilder(shell, catalog);
        build.image(AMD64, 10);
        build.image(ARM64, 10);
        build.application("app1", AMD64);
    }

    @Test
    void printsTheCandidatesOnePerLineAndNothingElse() {
        assertThat(complete("amsh image delete jam")).isEqualTo(AMD64 + "\n" + ARM64 + "\n");
        assertThat(complete("amsh --catalog /somewhere --debug image delete jammy:android13:ar")).isEqualTo(ARM64 + "\n");
        assertThat(complete("amsh --catalog=/somewhere app delete a")).isEqualTo("app1\n");
        assertThat(complete("amsh image list --format=c")).isEqualTo("--format=csv\n");
        assertThat(complete("amsh comp")).isEqualTo("completion\n");
        assertThat(complete("amsh completion ")).isEqualTo("bash\nzsh\n");
    }

    @Test
    void takesALineWithoutTheProgramsNameAsItIs() {
        assertThat(complete("image delete jam")).isEqualTo(complete("amsh image delete jam"))
                .isEqualTo(AMD64 + "\n" + ARM64 + "\n");
        assertThat(complete("./amsh image de")).isEqualTo("delete\n");
    }

    @Test
    void printsNothingWhereTheShellCompletesItself() {
        // The program's name, a catalog directory, a local file: the shell's own completion takes over.
        assertThat(complete("ams")).isEmpty();
        assertThat(complete("amsh --catalog ")).isEmpty();
        assertThat(complete("amsh image add foo /tm")).isEmpty();
    }

    @Test
    void leavesOutHintsAndValuesWithControlCharacters() {
        catalog.jdbc().update("INSERT INTO IMAGE (ID, NAME, TYPE, ARCHITECTURE, STATUS, IMMUTABLE, CREATED_AT,"
                + " NEXT_VERSION) VALUES ('y0000000000000000001', 'jammy\u001b]0;x\u0007', 'container', 'x86_64',"
                + " 'available', FALSE, CURRENT_TIMESTAMP, 1)");
        String id = catalog.jdbc().queryForObject("SELECT ID FROM IMAGE WHERE NAME = ?", String.class, ARM64);

        assertThat(complete("amsh image delete jam")).isEqualTo(AMD64 + "\n" + ARM64 + "\n");
        // A sole marked version: listed with a hint in the REPL, only the version here.
        assertThat(complete("amsh image delete " + ARM64 + " --version ")).isEqualTo("0\n");
        // Ids made in the same second share their start: the prefix may match the other image's id too.
        assertThat(complete("amsh image show " + id.substring(0, 12)).lines().toList()).contains(id)
                .allMatch(line -> line.startsWith(id.substring(0, 12)));
    }

    @Test
    void isHiddenFromHelpAndFromTab() {
        assertThat(shell.run("help").out()).contains("completion").doesNotContain("__complete");
        assertThat(complete("amsh __")).isEmpty();
    }

    @Test
    void completionPrintsTheScriptsAndRefusesOtherShells() {
        Result bash = shell.run("completion bash");
        Result zsh = shell.run("completion zsh");
        Result fish = shell.run("completion fish");

        assertThat(bash.out()).contains("complete -o default -F _amsh amsh").contains("__complete");
        assertThat(zsh.out()).startsWith("#compdef amsh").contains("compdef _amsh amsh");
        assertThat(fish.exitCode()).isEqualTo(2);
        assertThat(fish.err().strip()).isEqualTo("error: no completion for 'fish'; choose bash or zsh");
    }

    /**
     * The bash script in a real bash, COMP_* set as bash sets them (it splits words at ':' and '='),
     * and an {@code amsh} on the PATH that logs its arguments and answers with what
     * {@code __complete} printed for that line.
     */
    @Test
    void theBashScriptPassesTheCatalogAndReplacesOnlyTheWordBashCompletes(@TempDir Path directory) throws Exception {
        String line = "amsh --catalog /somewhere image delete jammy:android13:a";
        List<String> compWords = List.of("amsh", "--catalog", "/somewhere", "image", "delete", "jammy", ":", "android13",
                ":", "a");

        List<String> reply = bashCompletion(directory, line, compWords);

        assertThat(Files.readString(directory.resolve("args"))).isEqualTo("--catalog\n/somewhere\n__complete\n" + line + "\n");
        assertThat(reply).containsExactly("amd64", "arm64");
        assertThat(bashCompletion(directory, "amsh image delete " + AMD64 + " --version=",
                List.of("amsh", "image", "delete", "jammy", ":", "android13", ":", "amd64", "--version", "=")))
                .containsExactly("=0");
        assertThat(bashCompletion(directory, "amsh image de", List.of("amsh", "image", "de"))).containsExactly("delete");
    }

    /**
     * The zsh script in a real interactive zsh with its completion system ({@code compinit}), driven
     * on a pseudo-terminal by zsh's own {@code zpty}: Tab on a typed line asks the {@code amsh} on the
     * PATH (which logs its arguments and answers with what {@code __complete} printed for that line),
     * and the line zsh shows afterwards has the candidate in place.
     */
    @Test
    void theZshScriptCompletesCommandsAndImageNamesByAskingAmsh(@TempDir Path directory) throws Exception {
        assertThat(zshCompletion(directory, "amsh image de", 1, "amsh image delete")).isNotEmpty();
        assertThat(Files.readString(directory.resolve("args"))).isEqualTo("__complete\namsh image de\n");

        String line = "amsh --catalog /somewhere image show jammy:android13:am";
        assertThat(zshCompletion(directory, line, 1, "image show " + AMD64)).isNotEmpty();
        assertThat(Files.readString(directory.resolve("args"))).isEqualTo("--catalog\n/somewhere\n__complete\n" + line + "\n");

        assertThat(zshCompletion(directory, "amsh app delete ap", 1, "amsh app delete app1")).isNotEmpty();
        // Two candidates: the first Tab inserts what they share, the second lists them.
        assertThat(zshCompletion(directory, "amsh image show jammy:android13:", 2, ARM64)).contains(AMD64);
    }

    /** Types {@code line} and Tab into zsh, returning what its terminal showed once {@code expected} is in it. */
    private String zshCompletion(Path directory, String line, int tabs, String expected) throws Exception {
        Path script = directory.resolve("amsh.zsh");
        Files.writeString(script, shell.run("completion zsh").out());
        return CompletionShells.zsh(script, fakeAmsh(directory, line).getParent(), directory, line, tabs, expected);
    }

    /** An {@code amsh} that logs its arguments and answers what {@code __complete} printed for {@code line}. */
    private Path fakeAmsh(Path directory, String line) throws IOException {
        Files.writeString(directory.resolve("answer"), complete(line));
        Path amsh = directory.resolve("amsh");
        Files.writeString(amsh, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + directory.resolve("args") + "\"\ncat \""
                + directory.resolve("answer") + "\"\n");
        Files.setPosixFilePermissions(amsh, PosixFilePermissions.fromString("rwx------"));
        return amsh;
    }

    private List<String> bashCompletion(Path directory, String line, List<String> compWords) throws Exception {
        Path script = directory.resolve("amsh.bash");
        Files.writeString(script, shell.run("completion bash").out());
        return CompletionShells.bash(script, fakeAmsh(directory, line).getParent(), line, compWords);
    }

    private String complete(String line) {
        Result result = shell.runWords(List.of("__complete", line));
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        return result.out();
    }
}
