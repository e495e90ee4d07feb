package dev.amsh.command.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void padsColumnsToTheWidestCellWithTwoSpacesBetween() {
        String table = Table.of(List.of("id", "name", "versions", "default"))
                .row("a1", "jammy:android13:arm64", List.of(0, 1, 2), true)
                .row("b22", "foo", List.of(0), false)
                .render();

        assertThat(table).isEqualTo("""
                ID   NAME                   VERSIONS  DEFAULT
                a1   jammy:android13:arm64  0,1,2     true
                b22  foo                    0         false
                """);
    }

    @Test
    void leavesNoTrailingSpacesWhenLastCellsAreEmpty() {
        String table = Table.of(List.of("name", "release", "note"))
                .row("foo", null, "")
                .row("barbaz", "1.0", null)
                .render();

        assertThat(table).isEqualTo("NAME    RELEASE  NOTE\nfoo\nbarbaz  1.0\n");
    }

    @Test
    void keepsTheLayoutForLongCells() {
        String longName = "n".repeat(100);
        String table = Table.of(List.of("name", "type")).row(longName, "vm").row("short", "container").render();

        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(3);
        int typeColumn = 100 + 2;
        assertThat(lines).allSatisfy(line -> assertThat(line.charAt(typeColumn - 1)).isEqualTo(' '));
        assertThat(lines.get(0).substring(typeColumn)).isEqualTo("TYPE");
        assertThat(lines.get(1)).isEqualTo(longName + "  vm");
        assertThat(lines.get(2).substring(typeColumn)).isEqualTo("container");
    }

    @Test
    void showsControlCharactersAsEscapesSoRowsStayOnOneLine() {
        String table = Table.of(List.of("command", "outcome"))
                .row("image delete\nfoo\t\u001b[31m", "done")
                .render();

        assertThat(table).isEqualTo("""
                COMMAND                        OUTCOME
                image delete\\nfoo\\t\\u001b[31m  done
                """);
    }

    @Test
    void measuresCellsInCodePointsNotUtf16Units() {
        // U+1D400 MATHEMATICAL BOLD CAPITAL A: one narrow character, two UTF-16 units.
        String table = Table.of(List.of("a", "b")).row("\uD835\uDC00", "x").render();
        assertThat(table).isEqualTo("A  B\n\uD835\uDC00  x\n");
    }

    @Test
    void printsTheHeaderForAnEmptyTable() {
        assertThat(Table.of(List.of("id", "name")).render()).isEqualTo("ID  NAME\n");
    }

    @Test
    void refusesRowsOfTheWrongLength() {
        Table table = Table.of(List.of("a", "b"));
        assertThatThrownBy(() -> table.row("x", "y", "z")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 2 cells, got 3");
    }

    @Test
    void pagedWriterPrintsEachFullPageAtOnceWithWidthsThatOnlyGrow() {
        StringWriter text = new StringWriter();
        TableWriter writer = new TableWriter(List.of("name", "type"), 2, new PrintWriter(text));

        writer.row("a", "vm");
        assertThat(text.toString()).isEmpty();
        writer.row("bb", "vm");
        assertThat(text).hasToString("NAME  TYPE\na     vm\nbb    vm\n");

        writer.row("c", "container");
        writer.row("dddddd", "vm");
        writer.row("e", "vm");
        writer.finish();

        assertThat(text).hasToString("""
                NAME  TYPE
                a     vm
                bb    vm
                c       container
                dddddd  vm
                e       vm
                """);
    }
}
