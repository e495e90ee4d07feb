package dev.amsh.shell;

import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strings from the catalog, an index or a file name that carry escape sequences or bidi controls,
 * printed through the real commands: what reaches the terminal shows them as escapes, never raw.
 */
@TestCatalog
class TerminalEscapesTest {

    static final String OSC_TITLE = "\u001b]0;pwned\u0007";
    static final String RIGHT_TO_LEFT_OVERRIDE = "\u202E";

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
    void anImageServerLocationWithAnOscTitleSequenceIsShownEscaped() {
        String location = directory.resolve("index" + OSC_TITLE + ".json").toString();

        Result set = shell.runWords(List.of("image", "server", "set", "--no-check", location));
        Result show = shell.run("image server show");

        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(catalog.jdbc().queryForObject("SELECT LOCATION FROM IMAGE_SERVER", String.class)).isEqualTo(location);
        assertThat(set.out()).contains("index\\e]0;pwned\\x07.json");
        assertThat(show.out()).contains("location: " + directory + "/index\\e]0;pwned\\x07.json\n");
        assertNothingRaw(set.screen() + show.screen());
    }

    @Test
    void anIndexPathWithAnEscapeIsNamedEscapedInTheError() throws IOException {
        Path index = directory.resolve("index.json");
        Files.writeString(index, """
                {"format": "amsh-image-index/1", "images": [{"name": "evil", "type": "container",
                 "architecture": "x86_64", "releases": [{"release": "1", "size": 1, "sha256": "%s",
                 "path": "\\u001b[2J\\u001b]0;pwned\\u0007.img"}]}]}""".formatted("0".repeat(64)), StandardCharsets.UTF_8);
        shell.run("image server set " + index);

        Result sync = shell.run("image server sync");

        assertThat(sync.exitCode()).isNotZero();
        assertThat(sync.err()).startsWith("error: ").contains("\\e[2J\\e]0;pwned\\x07.img");
        assertNothingRaw(sync.screen());
    }

    @Test
    void aBidiOverrideInACommandIsShownEscapedByAuditListInEveryFormat() {
        String location = directory.resolve("gpj." + RIGHT_TO_LEFT_OVERRIDE + "exe").toString();
        assertThat(shell.runWords(List.of("image", "server", "set", "--no-check", location)).exitCode()).isZero();

        Result table = shell.run("audit list");
        Result json = shell.run("audit list --format json");

        assertThat(table.out()).contains("gpj.\\u202Eexe");
        assertThat(json.out()).contains("gpj.\\u202eexe");
        assertNothingRaw(table.screen() + json.screen());
    }

    @Test
    void anErrorLineCarryingABidiOverrideOrAnEscapeShowsThemEscaped() {
        Result result = shell.runWords(List.of("image", "show", "abc" + RIGHT_TO_LEFT_OVERRIDE + "fed" + OSC_TITLE));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).startsWith("error: ").contains("abc\\u202Efed\\e]0;pwned\\x07").endsWith("\n");
        assertThat(result.err().lines()).hasSize(1);
        assertNothingRaw(result.screen());
    }

    @Test
    void csvAndYamlOfAStoredNameWithControlsStayValidAndEscaped() {
        catalog.jdbc().update("INSERT INTO IMAGE (ID, NAME, TYPE, ARCHITECTURE, STATUS, IMMUTABLE, CREATED_AT,"
                + " NEXT_VERSION) VALUES ('y0000000000000000001', ?, 'container', 'x86_64', 'available', FALSE,"
                + " CURRENT_TIMESTAMP, 1)", "jam" + OSC_TITLE + RIGHT_TO_LEFT_OVERRIDE + "my");

        Result table = shell.run("image list");
        Result csv = shell.run("image list --format csv");
        Result yaml = shell.run("image list --format yaml");

        assertThat(table.out()).contains("jam\\e]0;pwned\\x07\\u202Emy");
        assertThat(csv.out()).contains("jam\\e]0;pwned\\x07\\u202Emy");
        assertThat(yaml.out()).contains("\"jam\\u001b]0;pwned\\u0007\\u202emy\"");
        assertNothingRaw(table.screen() + csv.screen() + yaml.screen());
    }

    @Test
    void aStoredNameWithLineBreaksIsOneEscapedRowOfValidCsv() {
        catalog.jdbc().update("INSERT INTO IMAGE (ID, NAME, TYPE, ARCHITECTURE, STATUS, IMMUTABLE, CREATED_AT,"
                + " NEXT_VERSION) VALUES ('y0000000000000000001', ?, 'container', 'x86_64', 'available', FALSE,"
                + " CURRENT_TIMESTAMP, 1)", "real\rfake\r\nx,\"y\"");

        Result csv = shell.run("image list --format csv");

        assertThat(csv.exitCode()).as(csv.err()).isZero();
        List<String> rows = List.of(csv.out().split("\r\n", -1));
        assertThat(rows).hasSize(3).last().isEqualTo("");
        assertThat(rows.get(1)).contains(",\"real\\rfake\\r\\nx,\"\"y\"\"\",");
        assertThat(csv.out().replace("\r\n", "")).doesNotContain("\r", "\n");
    }

    private static void assertNothingRaw(String printed) {
        assertThat(printed).doesNotContain("\u001b", "\u0007", RIGHT_TO_LEFT_OVERRIDE);
    }
}
