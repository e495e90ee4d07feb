package dev.amsh.command.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YamlTest {

    private static Object parse(String yaml) {
        return new org.yaml.snakeyaml.Yaml().load(yaml);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a:b", "a: b", "jammy:android13:arm64", "io.anbox-cloud:nougat:amd64", "- x", "-x", "true",
            "True", "FALSE", "yes", "No", "on", "OFF", "y", "n", "null", "Null", "~", "123", "-7", "0x1f", "0o17", "017",
            "1_000", "1.5", ".5", "1e3", ".inf", "-.inf", ".nan", "1.24.2-20240101", "2024-01-01",
            "2024-01-02T03:04:05Z", "", " ", "#x", "a #b", "a#b", " leading", "trailing ", "'quote'", "it's",
            "\"dq\"", "line one\nline two", "trailing newline\n", "tab\there", "cr\rhere", "&anchor", "*alias",
            "!tag", "%directive", "@at", "`tick", "{flow}", "[flow]", "a, b", "?", "? x", "|", ">", "<<", "=",
            "back\\slash", "ctl\u0001\u001b", "del\u007f", "c1\u0085\u0090", "ls\u2028ps\u2029", "é 日本 \uD83D\uDE00",
            "9m4e2mr0ui3e8a215n4g", "plain-name_1.0", "with space inside"})
    void trickyStringsReadBackUnchanged(String text) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("value", text);
        record.put("list", List.of(text, text));
        record.put(text, "as key");

        assertThat(parse(Yaml.render(record))).isEqualTo(record);
        assertThat(parse(Yaml.render(text))).isEqualTo(text);
    }

    @Test
    void quotesStringsThatWouldReadAsSomethingElse() {
        assertThat(Yaml.string("jammy:android13:arm64")).isEqualTo("\"jammy:android13:arm64\"");
        assertThat(Yaml.string("true")).isEqualTo("\"true\"");
        assertThat(Yaml.string("123")).isEqualTo("\"123\"");
        assertThat(Yaml.string("")).isEqualTo("\"\"");
        assertThat(Yaml.string(" x")).isEqualTo("\" x\"");
        assertThat(Yaml.string("two\nlines")).isEqualTo("\"two\\nlines\"");
    }

    @Test
    void leavesOrdinaryWordsPlain() {
        assertThat(Yaml.string("available")).isEqualTo("available");
        assertThat(Yaml.string("x86_64")).isEqualTo("x86_64");
        assertThat(Yaml.string("content/a13-1.24.2.tar.xz")).isEqualTo("content/a13-1.24.2.tar.xz");
    }

    @Test
    void rendersBlockStyle() {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("version", 0);
        version.put("size", 5_000_000_000L);
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("name", "jammy:android13:arm64");
        image.put("status", "available");
        image.put("default", true);
        image.put("release", null);
        image.put("created_at", Instant.parse("2024-01-02T03:04:05Z"));
        image.put("versions", List.of(version, Map.of()));
        image.put("used_by", List.of());
        image.put("labels", Map.of());
        image.put("apps", List.of("app1", "app2"));
        image.put("matrix", List.of(List.of(1, 2), List.of()));

        String yaml = Yaml.render(image);

        assertThat(yaml).isEqualTo("""
                name: "jammy:android13:arm64"
                status: available
                default: true
                release: null
                created_at: "2024-01-02T03:04:05Z"
                versions:
                  - version: 0
                    size: 5000000000
                  - {}
                used_by: []
                labels: {}
                apps:
                  - app1
                  - app2
                matrix:
                  - - 1
                    - 2
                  - []
                """);
        Map<String, Object> expected = new LinkedHashMap<>(image);
        expected.put("created_at", "2024-01-02T03:04:05Z");
        assertThat(parse(yaml)).isEqualTo(expected);
    }

    @Test
    void rendersDeeplyNestedMapsReadBackUnchanged() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("k", Arrays.asList("v", null, 3, false));
        Map<String, Object> middle = new LinkedHashMap<>();
        middle.put("inner", inner);
        middle.put("list", List.of(Map.of("a", Map.of("b", List.of(Map.of("c", "d:e"))))));
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("middle", middle);

        assertThat(parse(Yaml.render(outer))).isEqualTo(outer);
    }

    @Test
    void wholeNumberKeysArePlainAndReadBackAsNumbersWhileNumericStringKeysStayStrings() {
        Map<Object, Object> versions = new LinkedHashMap<>();
        versions.put(0, Map.of("size", 1));
        versions.put(12L, "twelve");
        versions.put("3", "three");

        String yaml = Yaml.render(Map.of("versions", versions));

        assertThat(yaml).isEqualTo("""
                versions:
                  0:
                    size: 1
                  12: twelve
                  "3": three
                """);
        Map<Object, Object> expected = new LinkedHashMap<>();
        expected.put(0, Map.of("size", 1));
        expected.put(12, "twelve");
        expected.put("3", "three");
        assertThat(parse(yaml)).isEqualTo(Map.of("versions", expected));
    }

    @Test
    void rendersTopLevelScalarsAndEmptyContainers() {
        assertThat(Yaml.render(null)).isEqualTo("null\n");
        assertThat(Yaml.render(List.of())).isEqualTo("[]\n");
        assertThat(Yaml.render(Map.of())).isEqualTo("{}\n");
        assertThat(Yaml.render(7)).isEqualTo("7\n");
    }

    @Test
    void sequenceWriterWritesTheSameTextAsRenderingTheWholeList() {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", "jammy:android13:arm" + i);
            item.put("versions", List.of(0, i));
            items.add(item);
        }
        StringWriter text = new StringWriter();
        YamlSequenceWriter writer = new YamlSequenceWriter(new PrintWriter(text));
        items.forEach(writer::add);
        writer.finish();

        assertThat(text).hasToString(Yaml.render(items));
        assertThat(parse(text.toString())).isEqualTo(items);
    }

    @Test
    void sequenceWriterWithoutItemsWritesAnEmptySequence() {
        StringWriter text = new StringWriter();
        new YamlSequenceWriter(new PrintWriter(text)).finish();
        assertThat(text).hasToString("[]\n");
        assertThat(parse(text.toString())).isEqualTo(List.of());
    }
}
