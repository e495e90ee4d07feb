package dev.amsh.command.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.amsh.image.model.ImageType;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void escapesQuotesBackslashesAndLineBreaks() {
        assertThat(Json.render("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(Json.render("C:\\images\\a")).isEqualTo("\"C:\\\\images\\\\a\"");
        assertThat(Json.render("one\ntwo\r\tthree")).isEqualTo("\"one\\ntwo\\r\\tthree\"");
        assertThat(Json.render("\b\f")).isEqualTo("\"\\b\\f\"");
    }

    @Test
    void escapesOtherControlCharactersAsUnicode() {
        assertThat(Json.render("\u0000\u0001\u001b\u001f")).isEqualTo("\"\\u0000\\u0001\\u001b\\u001f\"");
        assertThat(Json.render("del\u007f c1\u0085")).isEqualTo("\"del\\u007f c1\\u0085\"");
    }

    @Test
    void escapesJavaScriptLineSeparators() {
        assertThat(Json.render("a\u2028b\u2029c")).isEqualTo("\"a\\u2028b\\u2029c\"");
    }

    @Test
    void keepsPrintableUnicodeAsIs() {
        assertThat(Json.render("Größe 日本 \uD83D\uDE00 / ' <>")).isEqualTo("\"Größe 日本 \uD83D\uDE00 / ' <>\"");
    }

    @Test
    void rendersScalars() {
        assertThat(Json.render(null)).isEqualTo("null");
        assertThat(Json.render(true)).isEqualTo("true");
        assertThat(Json.render(false)).isEqualTo("false");
        assertThat(Json.render(42)).isEqualTo("42");
        assertThat(Json.render(1_073_741_824_000L)).isEqualTo("1073741824000");
        assertThat(Json.render(1.5)).isEqualTo("1.5");
        assertThat(Json.render(new BigDecimal("12.50"))).isEqualTo("12.50");
        assertThat(Json.render(Instant.parse("2024-01-02T03:04:05Z"))).isEqualTo("\"2024-01-02T03:04:05Z\"");
        assertThat(Json.render(ImageType.VM)).isEqualTo("\"vm\"");
    }

    @Test
    void rendersEmptyContainersOnOneLine() {
        assertThat(Json.render(List.of())).isEqualTo("[]");
        assertThat(Json.render(Map.of())).isEqualTo("{}");
    }

    @Test
    void prettyPrintsNestedStructuresInInsertionOrder() {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("version", 0);
        version.put("size", 1024L);
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("name", "jammy:android13:arm64");
        image.put("default", true);
        image.put("release", null);
        image.put("versions", List.of(version));
        image.put("used_by", List.of());
        image.put("labels", Map.of());
        image.put("matrix", List.of(List.of(1, 2), List.of()));

        assertThat(Json.render(image)).isEqualTo("""
                {
                  "name": "jammy:android13:arm64",
                  "default": true,
                  "release": null,
                  "versions": [
                    {
                      "version": 0,
                      "size": 1024
                    }
                  ],
                  "used_by": [],
                  "labels": {},
                  "matrix": [
                    [
                      1,
                      2
                    ],
                    []
                  ]
                }""");
    }

    @Test
    void rendersNullElementsInLists() {
        assertThat(Json.render(Arrays.asList("a", null))).isEqualTo("[\n  \"a\",\n  null\n]");
    }

    @Test
    void escapesKeys() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a\"b", 1);
        assertThat(Json.render(map)).isEqualTo("{\n  \"a\\\"b\": 1\n}");
    }

    @Test
    void printEndsWithNewline() {
        StringWriter text = new StringWriter();
        Json.print(List.of(1), new PrintWriter(text));
        assertThat(text).hasToString("[\n  1\n]\n");
    }

    @Test
    void outputIsReadBackToTheSameValues() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("text", "q\" b\\ n\n t\t c\u0001 ls\u2028 del\u007f é");
        tree.put("list", Arrays.asList(1, null, false, "x"));

        Object parsed = new org.yaml.snakeyaml.Yaml().load(Json.render(tree));

        assertThat(parsed).isEqualTo(tree);
    }

    @Test
    void refusesValuesWithoutAJsonForm() {
        assertThatThrownBy(() -> Json.render(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.render(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.render(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        Map<Object, Object> numberKey = new LinkedHashMap<>();
        numberKey.put(1, "one");
        assertThatThrownBy(() -> Json.render(numberKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keys must be strings");
    }

    @Test
    void arrayWriterWritesTheSameTextAsRenderingTheWholeList() {
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> element = new LinkedHashMap<>();
            element.put("id", "img" + i);
            element.put("versions", List.of(0, i));
            elements.add(element);
        }
        StringWriter text = new StringWriter();
        JsonArrayWriter writer = new JsonArrayWriter(new PrintWriter(text));
        elements.forEach(writer::add);
        writer.finish();

        assertThat(text).hasToString(Json.render(elements) + "\n");
    }

    @Test
    void arrayWriterWritesEachElementAsItIsAdded() {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        JsonArrayWriter writer = new JsonArrayWriter(out);

        writer.add("first");
        out.flush();
        assertThat(text).hasToString("[\n  \"first\"");

        writer.add("second");
        writer.finish();
        assertThat(text).hasToString("[\n  \"first\",\n  \"second\"\n]\n");
    }

    @Test
    void arrayWriterWithoutElementsWritesAnEmptyArray() {
        StringWriter text = new StringWriter();
        new JsonArrayWriter(new PrintWriter(text)).finish();
        assertThat(text).hasToString("[]\n");
    }
}
