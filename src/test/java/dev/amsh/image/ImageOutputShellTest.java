package dev.amsh.image;

import dev.amsh.support.CatalogBuilder;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code image list}, {@code image show} and {@code help} print, parsed as a program would read it. */
@TestCatalog
class ImageOutputShellTest {

    private static final String AMD64 = "jammy:android13:amd64";
    private static final String ARM64 = "jammy:android13:arm64";
    private static final String NOUGAT = "io.anbox-cloud:nougat:amd64";

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    @BeforeEach
    void catalogOfSeveralImages() {
        catalog.reset();
        CatalogBuilder build = new CatalogBuilder(shell, catalog);
        build.image(AMD64, 1024, 2048);
        assertThat(shell.run("image add " + ARM64 + " " + CatalogFixture.imageFile(512) + " --arch aarch64")
                .exitCode()).isZero();
        build.vmImage("focal-vm", 4096);
        build.immutableImage(NOUGAT, false, 8192);
        build.image("a_c", 1);
        build.image("abc", 1);
        build.image("a-c", 1);
        build.application("app1", AMD64);
        build.application("app2", AMD64);
    }

    @Test
    void listAsJsonIsAnArrayOfImagesWithEveryField() {
        List<Map<String, Object>> images = parseList(run("image list --format json"));

        assertThat(images).extracting(image -> image.get("name"))
                .containsExactly("a-c", "a_c", "abc", "focal-vm", NOUGAT, AMD64, ARM64);
        Map<String, Object> amd64 = byName(images, AMD64);
        assertThat(amd64).containsOnlyKeys("id", "name", "type", "architecture", "status", "default", "immutable",
                "versions", "used_by");
        assertThat(amd64).containsEntry("type", "container").containsEntry("architecture", "x86_64")
                .containsEntry("status", "active").containsEntry("default", true)
                .containsEntry("immutable", false).containsEntry("versions", List.of(0, 1))
                .containsEntry("used_by", List.of("app1", "app2"));
        assertThat((String) amd64.get("id")).matches("[0-9a-v]{20}");
        assertThat(byName(images, ARM64)).containsEntry("architecture", "aarch64").containsEntry("default", false)
                .containsEntry("used_by", List.of());
        assertThat(byName(images, "focal-vm")).containsEntry("type", "vm").containsEntry("default", true);
        assertThat(byName(images, NOUGAT)).containsEntry("immutable", true).containsEntry("versions", List.of(0))
                .containsEntry("status", "available");
    }

    @Test
    void listAsYamlCarriesTheSameRecordsAsJson() {
        Object yaml = new Yaml().load(run("image list --format yaml"));

        assertThat(yaml).isEqualTo(parseList(run("image list --format json")));
    }

    @Test
    void listAsCsvHasTheColumnsAndOneRowPerImage() {
        List<List<String>> rows = parseCsv(run("image list --format csv"));

        assertThat(rows.get(0)).containsExactly("id", "name", "status", "versions", "architecture", "type", "default",
                "immutable");
        assertThat(rows).hasSize(8);
        List<String> amd64 = rows.stream().filter(row -> row.get(1).equals(AMD64)).findFirst().orElseThrow();
        assertThat(amd64.subList(2, 8)).containsExactly("active", "2", "x86_64", "container", "true", "false");
        List<String> nougat = rows.stream().filter(row -> row.get(1).equals(NOUGAT)).findFirst().orElseThrow();
        assertThat(nougat.subList(2, 8)).containsExactly("available", "1", "x86_64", "container", "false", "true");
    }

    @Test
    void listAsATableHasTheSpecColumns() {
        String table = run("image list");

        assertThat(table.lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("ID", "NAME", "STATUS", "VERSIONS", "ARCHITECTURE", "TYPE", "DEFAULT", "IMMUTABLE");
        assertThat(table.lines().filter(line -> line.contains(AMD64))).hasSize(1);
    }

    @Test
    void listAsATableCountsTheVersionsAsAmcDoes() {
        Map<String, String> amd64 = tableRow(run("image list"), AMD64);
        Map<String, String> nougat = tableRow(run("image ls"), NOUGAT);

        assertThat(amd64).containsEntry("STATUS", "active").containsEntry("VERSIONS", "2")
                .containsEntry("ARCHITECTURE", "x86_64").containsEntry("TYPE", "container")
                .containsEntry("DEFAULT", "true").containsEntry("IMMUTABLE", "false");
        assertThat(nougat).containsEntry("STATUS", "available").containsEntry("VERSIONS", "1")
                .containsEntry("IMMUTABLE", "true");
        assertThat(tableRow(run("image list"), "a_c")).containsEntry("VERSIONS", "1");
    }

    @Test
    void anEmptyListSaysSoUnderTheHeaderOnATerminalOnly() {
        String header = "ID  NAME  STATUS  VERSIONS  ARCHITECTURE  TYPE  DEFAULT  IMMUTABLE\n";

        Result onTerminal = shell.runAnswering("image list --name nothing*");
        Result piped = shell.run("image list --name nothing*");

        assertThat(onTerminal.exitCode()).isZero();
        assertThat(onTerminal.out()).isEqualTo(header + "no images\n");
        assertThat(piped.out()).isEqualTo(header);
        assertThat(shell.runAnswering("image list --name nothing* --format json").out()).isEqualTo("[]\n");
        assertThat(shell.runAnswering("image list --name nothing* --format csv").out())
                .isEqualTo("id,name,status,versions,architecture,type,default,immutable\r\n");
        assertThat(shell.runAnswering("image list").out()).doesNotContain("no images");
    }

    @Test
    void switchingTwiceSaysTheSecondTimeThatItAlreadyIsTheDefault() {
        Result first = shell.run("image switch " + ARM64);
        Result second = shell.run("image switch " + ARM64);

        assertThat(first.out()).isEqualTo(ARM64 + " is now the default container image\n");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).isEqualTo(ARM64 + " already is the default container image\n");
    }

    @Test
    void auditListOnATerminalFitsALineAndPipedOrAsJsonKeepsTheWholeDetail() {
        assertThat(shell.run("image delete " + AMD64 + " --yes").exitCode()).isEqualTo(1);

        String onTerminal = shell.runAnswering("audit list --limit 3").out();
        String piped = shell.run("audit list --limit 3").out();

        assertThat(onTerminal.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(150));
        assertThat(onTerminal).contains("D5 default:").contains("...");
        assertThat(piped.lines().filter(line -> line.contains("D7 in use")).findFirst().orElseThrow().length())
                .isGreaterThan(150);
        assertThat(shell.run("audit list --limit 1 --format json").out()).contains("D7 in use");
    }

    @ParameterizedTest(name = "--name {0}")
    @CsvSource(delimiter = '|', value = {
            "jammy*          | jammy:android13:amd64 jammy:android13:arm64",
            "*arm64          | jammy:android13:arm64",
            "*:nougat:*      | io.anbox-cloud:nougat:amd64",
            "a_c             | a_c",
            "a?c             | a-c a_c abc",
            "'a%'            | ''",
            "'%'             | ''",
            "jammy           | jammy:android13:amd64 jammy:android13:arm64",
            "nougat          | io.anbox-cloud:nougat:amd64",
            "'-'             | a-c focal-vm io.anbox-cloud:nougat:amd64",
            "JAMMY*          | ''"})
    void aGlobMatchesWholeNamesAndPlainTextMatchesAnywhereInAName(String glob, String expected) {
        List<Map<String, Object>> images = parseList(run("image list --format json --name " + glob));

        List<String> names = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" "));
        assertThat(images).extracting(image -> image.get("name")).containsExactlyElementsOf(names);
    }

    @Test
    void showAsJsonHasVersionsKeyedByNumberAndUsedByNamesAndIds() {
        Map<String, Object> image = new Yaml().load(run("image show " + AMD64 + " --format json"));

        assertThat(image).containsOnlyKeys("id", "name", "status", "versions", "used_by", "architecture", "default",
                "type", "immutable", "created-at");
        assertThat(image).containsEntry("name", AMD64).containsEntry("default", true).containsEntry("status", "active")
                .containsEntry("used_by", List.of(Map.of("name", "app1", "id", applicationId("app1")),
                        Map.of("name", "app2", "id", applicationId("app2"))));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> versions = (Map<String, Map<String, Object>>) image.get("versions");
        assertThat(versions).containsOnlyKeys("0", "1");
        assertThat(versions.get("1")).containsOnlyKeys("size", "created-at", "status", "sha256")
                .containsEntry("size", 2048).containsEntry("status", "active");
        assertThat(versions.get("0")).containsEntry("size", 1024).containsEntry("status", "active");
        assertThat((String) versions.get("1").get("sha256")).matches("[0-9a-f]{64}");
        assertThat((String) versions.get("1").get("created-at")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat((String) image.get("created-at")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void showAsYamlHasAmcsKeysInAmcsOrderAndTheVersionNumbersAsKeys() {
        String yaml = run("image show " + NOUGAT);

        assertThat(yaml.lines().filter(line -> !line.startsWith(" ")).map(line -> line.split(":")[0]))
                .containsExactly("id", "name", "status", "versions", "used_by", "architecture", "default", "type",
                        "immutable", "created-at");
        assertThat(yaml).contains("\nversions:\n  0:\n    size: 8192\n    created-at: ");
        Map<String, Object> image = new Yaml().load(yaml);
        @SuppressWarnings("unchecked")
        Map<Integer, Map<String, Object>> versions = (Map<Integer, Map<String, Object>>) image.get("versions");
        assertThat(versions).containsOnlyKeys(0);
        assertThat(versions.get(0)).containsEntry("release", "1.24.0").containsEntry("status", "available")
                .containsEntry("sha256", "ab".repeat(32));
    }

    @Test
    void showAsJsonCarriesTheSameDataAsTheYaml() {
        Map<String, Object> json = new Yaml().load(run("image show " + AMD64 + " --format json"));
        Map<String, Object> yaml = new Yaml().load(run("image show " + AMD64));

        @SuppressWarnings("unchecked")
        Map<Integer, Object> yamlVersions = (Map<Integer, Object>) yaml.get("versions");
        Map<String, Object> versionsByText = new LinkedHashMap<>();
        yamlVersions.forEach((number, version) -> versionsByText.put(String.valueOf(number), version));
        Map<String, Object> yamlWithTextKeys = new LinkedHashMap<>(yaml);
        yamlWithTextKeys.put("versions", versionsByText);
        assertThat(json).isEqualTo(yamlWithTextKeys);
    }

    @Test
    void showByIdAndByNameAgreeAndDefaultToYaml() {
        String id = (String) byName(parseList(run("image list --format json")), "focal-vm").get("id");

        Map<String, Object> byId = new Yaml().load(run("image show " + id));
        Map<String, Object> byVmName = new Yaml().load(run("image show focal-vm --vm"));

        assertThat(byId).isEqualTo(byVmName).containsEntry("type", "vm").containsEntry("used_by", List.of());
    }

    @Test
    void helpListsTheCommandsAndEachCommandDescribesItsUsage() {
        String all = run("help");
        String deleteHelp = run("help image delete");

        assertThat(all).contains("image delete").contains("image list").contains("application create")
                .contains("audit list").contains("exit");
        assertThat(deleteHelp).contains("usage: image delete <image> [--version N, -v N] [--force, -f] [--vm]"
                + " [--yes, -y]");
        assertThat(run("image delete --help")).isEqualTo(deleteHelp);
        assertThat(run("amc image delete -h")).isEqualTo(deleteHelp);
        assertThat(run("help image")).contains("image delete").doesNotContain("application create");
    }

    @Test
    void anUpdateWithDefaultSaysTheImageIsTheDefaultAsAddDoes() {
        String file = CatalogFixture.imageFile(16).toString();

        assertThat(run("image update " + ARM64 + " " + file + " --default"))
                .isEqualTo("added version 1 to " + ARM64 + " (16 B); default container image\n");
        assertThat(run("image update " + ARM64 + " " + file)).isEqualTo("added version 2 to " + ARM64 + " (16 B)\n");
        assertThat(parseList(run("image list --format json"))).filteredOn(image -> (boolean) image.get("default"))
                .extracting(image -> image.get("name")).containsExactlyInAnyOrder(ARM64, "focal-vm");
    }

    @Test
    void helpForAMistypedCommandSuggestsTheClosestAsTheParserDoes() {
        Result group = shell.run("help imag");
        Result command = shell.run("help image delet");

        assertThat(group.exitCode()).isEqualTo(2);
        assertThat(group.err()).isEqualTo("error: no command 'imag'; did you mean 'help image'?\n");
        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.err()).isEqualTo("error: no command 'image delet'; did you mean 'help image delete'?\n");
    }

    @Test
    void helpForAnUnknownCommandIsAUsageError() {
        Result result = shell.run("help image frobnicate");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: no command 'image frobnicate'; type 'help' for the commands\n");
    }

    private String run(String line) {
        Result result = shell.run(line);
        assertThat(result.exitCode()).as("%s: %s", line, result.err()).isZero();
        assertThat(result.err()).isEmpty();
        return result.out();
    }

    private String applicationId(String name) {
        return catalog.jdbc().queryForObject("SELECT ID FROM APPLICATION WHERE NAME = ?", String.class, name);
    }

    /** The table's row whose NAME is {@code name}, cells by header; no cell in the listing holds a space. */
    private static Map<String, String> tableRow(String table, String name) {
        List<String> lines = table.lines().toList();
        String[] headers = lines.get(0).split("\\s+");
        String[] cells = lines.stream().skip(1).map(line -> line.split("\\s+"))
                .filter(row -> row[1].equals(name)).findFirst().orElseThrow();
        assertThat(cells).hasSameSizeAs(headers);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i++) {
            row.put(headers[i], cells[i]);
        }
        return row;
    }

    private static List<Map<String, Object>> parseList(String json) {
        return new Yaml().load(json);
    }

    private static Map<String, Object> byName(List<Map<String, Object>> images, String name) {
        return images.stream().filter(image -> image.get("name").equals(name)).findFirst().orElseThrow();
    }

    /** RFC 4180 as far as the listing needs: quoted fields may hold commas and doubled quotes. */
    private static List<List<String>> parseCsv(String csv) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : csv.lines().toList()) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            rows.add(cells);
        }
        return rows;
    }
}
