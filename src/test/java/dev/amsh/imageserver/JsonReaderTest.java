package dev.amsh.imageserver;

import dev.amsh.imageserver.JsonReader.JsonSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonReaderTest {

    @Test
    void readsEveryKindOfValue() throws JsonSyntaxException {
        Object value = JsonReader.read(" {\"a\": [1, -2.5e3, true, false, null], \"b\": \"x\\u00e9\\n\\\"\", \"c\": {}}\r\n");

        assertThat(value).isEqualTo(Map.of(
                "a", Arrays.asList(new BigDecimal("1"), new BigDecimal("-2.5e3"), true, false, null),
                "b", "x\u00e9\n\"",
                "c", Map.of()));
    }

    @Test
    void keepsMemberOrder() throws JsonSyntaxException {
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) JsonReader.read("{\"z\": 1, \"a\": 2, \"m\": 3}");

        assertThat(object.keySet()).containsExactly("z", "a", "m");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                  | line 1, column 1: unexpected end of the document, expected a value",
        "{} x                | line 1, column 4: unexpected 'x' after the end of the document",
        "[1, 2,]             | line 1, column 7: unexpected ']', expected a value",
        "{\"a\": 1,}         | line 1, column 9: unexpected '}', expected a member name in double quotes",
        "{'a': 1}            | line 1, column 2: unexpected ''', expected a member name in double quotes",
        "[01]                | line 1, column 3: a number must not start with 0",
        "[1.]                | line 1, column 4: unexpected ']', expected a digit after the decimal point",
        "[-]                 | line 1, column 3: unexpected ']', expected a digit",
        "[+1]                | line 1, column 2: unexpected '+', expected a value",
        "[1e]                | line 1, column 4: unexpected ']', expected a digit in the exponent",
        "[tru]               | line 1, column 2: unexpected 't', expected a value",
        "[\"a\\x\"]          | line 1, column 4: invalid escape \\x in a string",
        "[\"\\u12G4\"]       | line 1, column 7: invalid \\u escape: expected 4 hex digits",
        "[\"abc              | line 1, column 6: unexpected end of the document inside a string",
        "{\"a\" 1}           | line 1, column 6: unexpected '1', expected ':'",
        "{\"a\": 1 \"b\": 2} | line 1, column 9: unexpected '\"', expected ',' or '}'",
        "{\"a\": 1, \"a\": 2}| line 1, column 10: duplicate member name \"a\"",
        "[1e999999999999]    | line 1, column 2: number out of range",
    })
    void rejectsMalformedDocumentsSayingWhere(String document, String message) {
        assertThatThrownBy(() -> JsonReader.read(document))
                .isInstanceOf(JsonSyntaxException.class)
                .hasMessage(message);
    }

    @Test
    void countsLinesAndColumns() {
        assertThatThrownBy(() -> JsonReader.read("{\n  \"a\": 1,\n  \"b\": ?\n}"))
                .hasMessage("line 3, column 8: unexpected '?', expected a value");
    }

    @Test
    void rejectsUnescapedControlCharactersAndForeignWhitespace() {
        assertThatThrownBy(() -> JsonReader.read("[\"a\tb\"]"))
                .hasMessage("line 1, column 4: control character U+0009 in a string must be escaped");
        assertThatThrownBy(() -> JsonReader.read("[1,\u00a02]"))
                .hasMessageContaining("unexpected '\u00a0', expected a value");
        assertThatThrownBy(() -> JsonReader.read("[1] // comment"))
                .hasMessage("line 1, column 5: unexpected '/' after the end of the document");
    }

    @Test
    void limitsNesting() throws JsonSyntaxException {
        String deepest = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        assertThat(JsonReader.read(deepest)).isInstanceOf(List.class);

        String tooDeep = "[".repeat(JsonReader.MAX_DEPTH + 1) + "]".repeat(JsonReader.MAX_DEPTH + 1);
        assertThatThrownBy(() -> JsonReader.read(tooDeep)).hasMessageContaining("nested deeper than 64 levels");
        assertThatThrownBy(() -> JsonReader.read("[".repeat(100_000))).hasMessageContaining("nested deeper");
    }
}
