package dev.amsh.shell;

import dev.amsh.support.CatalogBuilder;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Input an operator (or a script) should never type, and must still get one line for: no stack
 * trace, no Derby text, amsh's exit code, and the catalog exactly as it was.
 */
@TestCatalog
class HostileInputTest {

    private static final String JAMMY = "jammy:android13:amd64";
    private static final String FILE = CatalogFixture.imageFile(64).toString();
    private static final String LONG = "a".repeat(5000);
    private static final String SQL_QUOTES = "\"x' OR '1'='1\"";
    private static final String SQL_DROP = "\"'; DROP TABLE IMAGE; --\"";
    private static final int REFUSED = 1;
    private static final int USAGE = 2;
    private static final int FAILED = 3;

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    @BeforeEach
    void catalogWithAnImageInUse() {
        catalog.reset();
        CatalogBuilder build = new CatalogBuilder(shell, catalog);
        build.image(JAMMY, 1024, 2048);
        build.application("app1", JAMMY);
    }

    static Stream<Arguments> typedLines() {
        return Stream.of(
                // unknown names
                arguments("image show nope", REFUSED),
                arguments("image update nope " + FILE, REFUSED),
                arguments("image switch nope", REFUSED),
                arguments("application show nope", REFUSED),
                arguments("application delete nope --yes", REFUSED),
                arguments("application update nope", REFUSED),
                arguments("application create app2 --image nope", REFUSED),
                arguments("application create app1", REFUSED),
                arguments("image add " + JAMMY + " " + FILE, REFUSED),
                // 5,000-character names
                arguments("image add " + LONG + " " + FILE, USAGE),
                arguments("image show " + LONG, REFUSED),
                arguments("image update " + LONG + " " + FILE, REFUSED),
                arguments("application create " + LONG, USAGE),
                arguments("application create app2 --image " + LONG, REFUSED),
                arguments("application show " + LONG, REFUSED),
                arguments("application delete " + LONG + " --yes", REFUSED),
                // quotes
                arguments("image show \"jammy android13\"", REFUSED),
                arguments("image show 'unclosed", USAGE),
                arguments("image delete \"" + JAMMY + " --yes", USAGE),
                arguments("image show " + SQL_QUOTES, REFUSED),
                arguments("image add " + SQL_QUOTES + " " + FILE, USAGE),
                arguments("image show " + SQL_DROP, REFUSED),
                arguments("image add " + SQL_DROP + " " + FILE, USAGE),
                arguments("application create " + SQL_DROP, USAGE),
                arguments("application create app2 --image " + SQL_DROP, REFUSED),
                arguments("image delete ; DROP TABLE IMAGE; --", USAGE),
                // versions and numbers
                arguments("image delete " + JAMMY + " --version -1 --yes", USAGE),
                arguments("image delete " + JAMMY + " --version=-1 --yes", USAGE),
                arguments("image delete " + JAMMY + " --version abc --yes", USAGE),
                arguments("image delete " + JAMMY + " --version 99999999999 --yes", USAGE),
                arguments("image delete " + JAMMY + " -v 1.5 --yes", USAGE),
                arguments("image delete " + JAMMY + " --version= --yes", USAGE),
                arguments("application delete app1 --version -1 --yes", USAGE),
                arguments("audit list --limit -5", USAGE),
                arguments("audit list --limit 0", USAGE),
                arguments("audit list --limit 99999999999", USAGE),
                // unknown flags and values
                arguments("image delete " + JAMMY + " --frobnicate", USAGE),
                arguments("image list --vm", USAGE),
                arguments("image show " + JAMMY + " -z", USAGE),
                arguments("image list --format xml", USAGE),
                arguments("image add foo " + FILE + " --type lxc", USAGE),
                arguments("image add foo " + FILE + " --arch", USAGE),
                // missing files and directories
                arguments("image add foo /nonexistent/amsh/image.tar.xz", USAGE),
                arguments("image add foo " + Path.of(FILE).getParent(), USAGE),
                arguments("image update " + JAMMY + " /nonexistent/amsh/image.tar.xz", USAGE),
                arguments("image add foo /nonexistent/" + LONG, USAGE),
                // unicode and control characters
                arguments("image add jämmy " + FILE, USAGE),
                arguments("image add 日本語 " + FILE, USAGE),
                arguments("image show jämmy", REFUSED),
                arguments("image show \u001b[31mred", REFUSED),
                arguments("image add \u0007bell " + FILE, USAGE),
                arguments("application create \u202eevil", USAGE),
                arguments("\u0000", USAGE));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("typedLines")
    void aHostileLineGetsOneErrorLineAndChangesNothing(String line, int exitCode) {
        String before = catalog.snapshot();

        Result result = shell.run(line);

        assertOneErrorLine(result, exitCode);
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    static Stream<Arguments> oneShotWords() {
        return Stream.of(
                arguments(List.of("image", "show", "jammy\nandroid13"), REFUSED),
                arguments(List.of("image", "add", "two\nlines", FILE), USAGE),
                arguments(List.of("application", "create", "two\nlines"), USAGE),
                arguments(List.of("image", "add", "foo", "/nonexistent/two\nlines"), USAGE),
                arguments(List.of("image", "add", "foo", "/nonexistent/nul\u0000byte"), USAGE),
                arguments(List.of("image", "add", "foo", "/nonexistent/\u001b[2Jclear"), USAGE),
                arguments(List.of("image", "delete", JAMMY, "--version", "1\n"), USAGE),
                arguments(List.of("image", "list", "--format", "json\n"), USAGE),
                arguments(List.of(), USAGE),
                arguments(List.of(""), USAGE));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("oneShotWords")
    void hostileOneShotWordsGetOneErrorLineAndChangeNothing(List<String> words, int exitCode) {
        String before = catalog.snapshot();

        Result result = shell.runWords(words);

        assertOneErrorLine(result, exitCode);
        assertThat(result.err()).doesNotContain("\u001b").doesNotContain("\u0000");
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    static Stream<String> hostileDeletes() {
        return Stream.of(
                "image delete nope --yes",
                "image delete " + LONG + " --yes",
                "image delete " + SQL_QUOTES + " --yes",
                "image delete " + SQL_DROP + " --yes",
                "image delete '; DROP TABLE IMAGE; --'",
                "image delete jämmy --yes",
                "image delete " + JAMMY + " --version 7 --yes",
                "image delete \u001b[31mred --yes");
    }

    /** A refused delete names its rule on a line of its own, under one error line. */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("hostileDeletes")
    void aHostileDeleteIsRefusedByD1AndChangesNothing(String line) {
        String before = catalog.snapshot();

        Result result = shell.run(line);

        assertThat(result.exitCode()).isEqualTo(REFUSED);
        List<String> lines = result.err().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("error: cannot delete ").endsWith("(1 rule refuses):");
        assertThat(lines.get(1)).startsWith("  D1 unknown: ");
        assertNoInternals(result.err());
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void sqlLookingNamesAreOnlyNamesAndTheTablesAreStillThere() {
        shell.run("image delete " + SQL_DROP + " --yes");
        shell.run("image list --name " + SQL_DROP);
        shell.run("image list --name " + SQL_QUOTES);

        assertThat(catalog.count("IMAGE")).isEqualTo(1);
        assertThat(shell.run("image list --name " + SQL_QUOTES + " --format json").out().strip()).isEqualTo("[]");
    }

    @Test
    void aLongOrOddGlobListsNothingRatherThanFailing() {
        for (String glob : List.of(LONG, "*" + LONG + "*", "'%'", "'_'", "'\\'", "jämmy*")) {
            Result result = shell.run("image list --format json --name " + glob);

            assertThat(result.exitCode()).as(glob + ": " + result.err()).isZero();
            assertThat(result.out().strip()).as(glob).isEqualTo("[]");
        }
    }

    /**
     * A file that opens but cannot be read, even by root: this process's own memory file reads
     * from address 0, which is never mapped. An I/O failure, so exit code 3, not a refusal's 1.
     */
    @Test
    void theUnreadableFileMessageNamesTheFileWithoutTheOperatingSystemsStackTrace() {
        Path unreadable = Path.of("/proc/self/mem");
        assumeTrue(Files.isReadable(unreadable), "a Linux /proc");
        String before = catalog.snapshot();
        int eventsBefore = catalog.count("AUDIT_EVENT");

        Result result = shell.run("image add foo " + unreadable);

        assertOneErrorLine(result, FAILED);
        assertThat(result.err()).contains("cannot read " + unreadable + ": ");
        assertThat(catalog.snapshot()).isEqualTo(before);
        assertThat(catalog.jdbc().queryForList("SELECT OUTCOME FROM AUDIT_EVENT ORDER BY ID", String.class))
                .as("the failure is audited as one, after the events before it")
                .hasSize(eventsBefore + 1).last().isEqualTo("failed");
    }

    @Test
    void aDirectoryIsABadValueEvenForRoot() throws Exception {
        Path directory = Files.createTempDirectory("amsh-not-a-file");
        directory.toFile().deleteOnExit();
        String before = catalog.snapshot();

        Result result = shell.run("image add foo " + directory);

        assertOneErrorLine(result, USAGE);
        assertThat(result.err()).isEqualTo("error: cannot read " + directory + ": it is a directory\n");
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    private static void assertOneErrorLine(Result result, int exitCode) {
        assertThat(result.exitCode()).as(result.screen()).isEqualTo(exitCode);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("error: ").hasLineCount(1).endsWith("\n");
        assertThat(result.err().length()).as("one readable line").isLessThan(400);
        assertNoInternals(result.err());
    }

    private static void assertNoInternals(String err) {
        assertThat(err).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("Derby")
                .doesNotContain("SQL").doesNotContain("internal error").doesNotContain("catalog error");
    }
}
