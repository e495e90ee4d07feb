package dev.amsh.command.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvWriterTest {

    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text);

    @Test
    void writesHeaderAndRowsWithCrlf() {
        CsvWriter csv = new CsvWriter(List.of("id", "name", "default"), out);
        csv.row("abc", "jammy:android13:arm64", true);
        csv.row("def", "plain", false);
        csv.finish();

        assertThat(text).hasToString("id,name,default\r\nabc,jammy:android13:arm64,true\r\ndef,plain,false\r\n");
    }

    @Test
    void showsEscapeSequencesAndBidiControlsAsEscapes() {
        assertThat(CsvWriter.field("a\u001b]0;pwned\u0007b")).isEqualTo("a\\e]0;pwned\\x07b");
        assertThat(CsvWriter.field("abc\u202Efed,x")).isEqualTo("\"abc\\u202Efed,x\"");
    }

    @Test
    void quotesFieldsHoldingCommasAndQuotes() {
        CsvWriter csv = new CsvWriter(List.of("a", "b", "c"), out);
        csv.row("x,y", "say \"hi\"", "\"");
        csv.finish();

        assertThat(text).hasToString("a,b,c\r\n\"x,y\",\"say \"\"hi\"\"\",\"\"\"\"\r\n");
    }

    @Test
    void showsLineBreaksInsideAFieldAsEscapesSoThatOneRowIsOneLine() {
        CsvWriter csv = new CsvWriter(List.of("a", "b"), out);
        csv.row("one\ntwo", "cr\rhere, and \"more\"");
        csv.finish();

        assertThat(text).hasToString("a,b\r\none\\ntwo,\"cr\\rhere, and \"\"more\"\"\"\r\n");
    }

    @Test
    void leavesOtherFieldsUnquoted() {
        assertThat(CsvWriter.field("")).isEmpty();
        assertThat(CsvWriter.field(" spaced ")).isEqualTo(" spaced ");
        assertThat(CsvWriter.field("it's")).isEqualTo("it's");
    }

    @Test
    void rendersNullsListsAndInstantsAsText() {
        CsvWriter csv = new CsvWriter(List.of("release", "versions", "created_at"), out);
        csv.row(null, List.of(0, 1, 2), Instant.parse("2024-01-02T03:04:05Z"));
        csv.finish();

        assertThat(text).hasToString("release,versions,created_at\r\n,\"0,1,2\",2024-01-02T03:04:05Z\r\n");
    }

    @Test
    void quotesHeaderFieldsToo() {
        new CsvWriter(List.of("a,b"), out).finish();
        assertThat(text).hasToString("\"a,b\"\r\n");
    }

    @Test
    void refusesRowsOfTheWrongLength() {
        CsvWriter csv = new CsvWriter(List.of("a", "b"), out);
        assertThatThrownBy(() -> csv.row("only one")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 2 cells, got 1");
    }
}
