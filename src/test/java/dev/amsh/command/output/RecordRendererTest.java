package dev.amsh.command.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageStatus;
import org.junit.jupiter.api.Test;

class RecordRendererTest {

    private static final List<String> COLUMNS = List.of("id", "name", "status", "versions", "architecture", "default");

    private static Map<String, Object> image(String id, String name, List<Integer> versions, boolean isDefault) {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("id", id);
        image.put("name", name);
        image.put("status", ImageStatus.AVAILABLE);
        image.put("versions", versions);
        image.put("architecture", Architecture.X86_64);
        image.put("default", isDefault);
        image.put("used_by", List.of("app1"));
        return image;
    }

    private static final List<Map<String, Object>> IMAGES = List.of(
            image("c0ffee", "jammy:android13:arm64", List.of(0, 1), true),
            image("beef", "foo,bar", List.of(3), false));

    private static String render(OutputFormat format, Iterable<? extends Map<String, ?>> records) {
        StringWriter text = new StringWriter();
        RecordRenderer.render(format, COLUMNS, records, new PrintWriter(text));
        return text.toString();
    }

    @Test
    void tableShowsTheColumnsWithCapitalisedHeaders() {
        assertThat(render(OutputFormat.TABLE, IMAGES)).isEqualTo("""
                ID      NAME                   STATUS     VERSIONS  ARCHITECTURE  DEFAULT
                c0ffee  jammy:android13:arm64  available  0,1       x86_64        true
                beef    foo,bar                available  3         x86_64        false
                """);
    }

    @Test
    void csvShowsTheColumnsUnderTheirKeys() {
        assertThat(render(OutputFormat.CSV, IMAGES)).isEqualTo(
                "id,name,status,versions,architecture,default\r\n"
                        + "c0ffee,jammy:android13:arm64,available,\"0,1\",x86_64,true\r\n"
                        + "beef,\"foo,bar\",available,3,x86_64,false\r\n");
    }

    @Test
    void jsonShowsEveryField() {
        String json = render(OutputFormat.JSON, IMAGES);

        assertThat(json).isEqualTo(Json.render(IMAGES) + "\n");
        assertThat(json).contains("\"used_by\": [\n      \"app1\"\n    ]");
    }

    @Test
    void yamlShowsEveryFieldAndReadsBack() {
        String yaml = render(OutputFormat.YAML, IMAGES);

        assertThat(yaml).startsWith("""
                - id: c0ffee
                  name: "jammy:android13:arm64"
                  status: available
                  versions:
                    - 0
                    - 1
                  architecture: x86_64
                  default: true
                  used_by:
                    - app1
                - id: beef
                """);
        Object parsed = new org.yaml.snakeyaml.Yaml().load(yaml);
        assertThat(parsed).asInstanceOf(LIST).hasSize(2)
                .first().isEqualTo(Map.of("id", "c0ffee", "name", "jammy:android13:arm64", "status", "available",
                        "versions", List.of(0, 1), "architecture", "x86_64", "default", true, "used_by", List.of("app1")));
    }

    @Test
    void emptyListingsStayWellFormed() {
        assertThat(render(OutputFormat.JSON, List.of())).isEqualTo("[]\n");
        assertThat(render(OutputFormat.YAML, List.of())).isEqualTo("[]\n");
        assertThat(render(OutputFormat.CSV, List.of())).isEqualTo("id,name,status,versions,architecture,default\r\n");
        assertThat(render(OutputFormat.TABLE, List.of())).isEqualTo("ID  NAME  STATUS  VERSIONS  ARCHITECTURE  DEFAULT\n");
    }

    @Test
    void refusesAColumnMissingFromARecord() {
        Map<String, Object> incomplete = new LinkedHashMap<>(IMAGES.get(0));
        incomplete.remove("status");

        assertThatThrownBy(() -> render(OutputFormat.TABLE, List.of(incomplete)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("record has no field 'status'");
    }

    @Test
    void readsRecordsOneAtATime() {
        int count = 1_200;
        int[] produced = {0};
        Iterable<Map<String, Object>> lazyRecords = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return produced[0] < count;
            }

            @Override
            public Map<String, Object> next() {
                produced[0]++;
                return image("id" + produced[0], "name" + produced[0], List.of(0), false);
            }
        };

        for (OutputFormat format : OutputFormat.values()) {
            produced[0] = 0;
            long lines = render(format, lazyRecords).lines().count();
            assertThat(produced[0]).isEqualTo(count);
            int expectedLines = switch (format) {
                case TABLE, CSV -> count + 1;
                case JSON -> count * 13 + 2;
                case YAML -> count * 9;
            };
            assertThat(lines).as(format.wireName()).isEqualTo(expectedLines);
        }
    }

    @Test
    void tellsHowManyRecordsItPrintedInEveryFormat() {
        for (OutputFormat format : OutputFormat.values()) {
            PrintWriter out = new PrintWriter(new StringWriter());
            assertThat(RecordRenderer.render(format, COLUMNS, IMAGES, out)).as(format.wireName()).isEqualTo(2);
            assertThat(RecordRenderer.render(format, COLUMNS, List.of(), out)).as(format.wireName()).isZero();
        }
    }

    @Test
    void tablePagesLineUpWithinEachPage() {
        List<Map<String, Object>> records = IntStream.range(0, RecordRenderer.TABLE_PAGE_ROWS + 1)
                .mapToObj(i -> image("id" + i, i == RecordRenderer.TABLE_PAGE_ROWS ? "a-much-longer-name" : "n", List.of(0),
                        false))
                .toList();

        List<String> lines = render(OutputFormat.TABLE, records).lines().toList();

        assertThat(lines).hasSize(RecordRenderer.TABLE_PAGE_ROWS + 2);
        assertThat(lines.get(1)).isEqualTo("id0    n     available  0         x86_64        false");
        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("id500  a-much-longer-name  available  0         x86_64        false");
    }
}
