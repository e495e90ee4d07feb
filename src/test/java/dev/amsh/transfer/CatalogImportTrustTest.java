package dev.amsh.transfer;

import dev.amsh.support.CatalogBackend;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.ShellHarness.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crafted catalog files that each break one thing a command would never let through: every one is
 * refused with one line naming its line, exit 2, and the catalog it was imported into is exactly as
 * it was (its two image types still there, so a later {@code image add} works).
 */
class CatalogImportTrustTest {

    private static final String IMAGE = "d0000000000000000001";
    private static final String CREATED = "2026-11-30T14:45:00.123456";
    private static final String SHA = "a".repeat(64);

    @TempDir
    Path files;

    @Test
    void theCraftedBaseFileImports() throws IOException {
        try (ConfigurableApplicationContext target = CatalogBackend.EMBEDDED_DERBY.session()) {
            Result result = ShellHarness.of(target).run("catalog import " + write("base", base()));

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(ShellHarness.of(target).run("image list").out()).contains("jammy");
        }
    }

    @Test
    void anImageWithoutVersionsIsRefused() throws IOException {
        refused(drop("IMAGE_VERSION"), 7, "has no version");
    }

    @Test
    void aTypeWithImagesAndNoDefaultIsRefused() throws IOException {
        refused(edit("IMAGE", row -> row.replace("\"DEFAULT_OF\":\"container\"", "\"DEFAULT_OF\":null")), 8,
                "container images have no default");
    }

    @Test
    void aFileWithNoRowsIsRefusedAndTheTypesStay() throws IOException {
        refused(List.of(header(), end(List.of())), 2, "IMAGE_SERVER rows");
    }

    @Test
    void aCraftedFileIsRefusedOnPostgresqlTooAndChangesNothing() throws IOException {
        refused(CatalogBackend.POSTGRESQL, List.of(header(), end(List.of())), 2, "IMAGE_SERVER rows");
        refused(CatalogBackend.POSTGRESQL, edit("IMAGE", row -> row.replace("\"NEXT_VERSION\":1", "\"NEXT_VERSION\":0")), 6,
                "NEXT_VERSION");
    }

    @Test
    void namesACommandWouldRefuseAreRefused() throws IOException {
        refused(edit("IMAGE", row -> row.replace("\"jammy\"", "\"jam\\u001b]0;owned\\u0007my\"")), 5, "is not valid");
        refused(edit("IMAGE", row -> row.replace("\"jammy\"", "\"<script>alert(1)</script>\"")), 5, "is not valid");
    }

    @Test
    void duplicateKeysAreRefused() throws IOException {
        refused(edit("IMAGE", row -> row.replace("\"NAME\":\"jammy\"", "\"NAME\":\"jammy\",\"NAME\":\"focal\"")), 5,
                "line 5: duplicate key NAME; nothing was imported");
    }

    @Test
    void aNextVersionNotAboveEveryVersionIsRefused() throws IOException {
        refused(edit("IMAGE", row -> row.replace("\"NEXT_VERSION\":1", "\"NEXT_VERSION\":0")), 6, "NEXT_VERSION");
    }

    @Test
    void aDigestThatIsNotHexIsRefused() throws IOException {
        refused(edit("IMAGE_VERSION", row -> row.replace(SHA, "z".repeat(64))), 6, "64 lowercase hex");
    }

    @Test
    void anAuditIdWhereNewIdsWouldOverflowIsRefused() throws IOException {
        refused(edit("AUDIT_EVENT", row -> row.replace("\"ID\":1,", "\"ID\":" + Long.MAX_VALUE + ",")), 7,
                "AUDIT_EVENT ID must be a whole number");
    }

    @Test
    void valuesOfTheWrongKindAndUnknownColumnsAreRefused() throws IOException {
        refused(edit("IMAGE_VERSION", row -> row.replace("\"SIZE\":16", "\"SIZE\":\"16\"")), 6, "SIZE must be a whole number");
        refused(edit("IMAGE", row -> row.replace("\"ID\":", "\"EXTRA\":1,\"ID\":")), 5, "IMAGE has no column EXTRA");
        refused(edit("IMAGE_VERSION", row -> row.replace("\"RELEASE_NAME\":null", "\"RELEASE_NAME\":\"1.0\\u200b\"")), 6,
                "invisible");
    }

    @Test
    void anEndlessLineAndADeviceStopAtTheBoundWithoutFillingTheMemory() throws IOException {
        Path huge = files.resolve("huge.jsonl");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(700L * 1024 * 1024);
        }
        try (ConfigurableApplicationContext target = CatalogBackend.EMBEDDED_DERBY.session()) {
            Map<String, String> before = CatalogTransferTest.checksums(target);

            Result oneLine = ShellHarness.of(target).run("catalog import " + huge);
            Result device = ShellHarness.of(target).run("catalog import /dev/zero");

            assertThat(oneLine.exitCode()).isEqualTo(2);
            assertThat(oneLine.err().lines()).singleElement().asString()
                    .contains(huge + " line 1: the line is longer than").doesNotContain("Exception");
            assertThat(device.exitCode()).isEqualTo(2);
            assertThat(device.err().lines()).singleElement().asString().contains("/dev/zero: not a regular file");
            assertUnchanged(target, before);
        }
    }

    private void refused(List<String> lines, int lineNumber, String reason) throws IOException {
        refused(CatalogBackend.EMBEDDED_DERBY, lines, lineNumber, reason);
    }

    private void refused(CatalogBackend backend, List<String> lines, int lineNumber, String reason) throws IOException {
        Path file = write("crafted", lines);
        try (ConfigurableApplicationContext target = backend.session()) {
            Map<String, String> before = CatalogTransferTest.checksums(target);

            Result result = ShellHarness.of(target).run("catalog import " + file);

            assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
            assertThat(result.err().lines()).singleElement().asString()
                    .contains(file + " line " + lineNumber + ": ").contains(reason).contains("nothing was imported")
                    .doesNotContain("\u001b");
            assertUnchanged(target, before);
        }
    }

    private static void assertUnchanged(ConfigurableApplicationContext target, Map<String, String> before) {
        Map<String, String> after = CatalogTransferTest.checksums(target);
        assertThat(after).isEqualTo(before);
        Result added = ShellHarness.of(target).run("image add fresh " + CatalogFixture.imageFile(16));
        assertThat(added.exitCode()).as(added.err()).isZero();
    }

    private Path write(String name, List<String> lines) throws IOException {
        Path file = Files.createTempFile(files, name, ".jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    /** A small catalog: the setting, both types, one default image with one version, one audit event. */
    private static List<String> base() {
        List<String> rows = List.of(
                row("IMAGE_SERVER", "{\"ID\":1,\"LOCATION\":null,\"LAST_SYNC_AT\":null}"),
                row("IMAGE_TYPE", "{\"TYPE\":\"container\",\"CHANGES\":1}"),
                row("IMAGE_TYPE", "{\"TYPE\":\"vm\",\"CHANGES\":0}"),
                row("IMAGE", "{\"ID\":\"" + IMAGE + "\",\"NAME\":\"jammy\",\"TYPE\":\"container\","
                        + "\"ARCHITECTURE\":\"x86_64\",\"STATUS\":\"active\",\"DEFAULT_OF\":\"container\","
                        + "\"IMMUTABLE\":false,\"CREATED_AT\":\"" + CREATED + "\",\"NEXT_VERSION\":1}"),
                row("IMAGE_VERSION", "{\"IMAGE_ID\":\"" + IMAGE + "\",\"VERSION\":0,\"SIZE\":16,\"SHA256\":\"" + SHA
                        + "\",\"STATUS\":\"active\",\"RELEASE_NAME\":null,\"CREATED_AT\":\"" + CREATED
                        + "\",\"SOURCE\":null}"),
                row("AUDIT_EVENT", "{\"ID\":1,\"OCCURRED_AT\":\"" + CREATED + "\",\"OS_USER\":\"root\","
                        + "\"ORIGIN\":\"one-shot\",\"COMMAND_TEXT\":\"image add jammy f\",\"OUTCOME\":\"done\","
                        + "\"DETAIL\":\"added jammy\",\"DATABASE_USER\":\"APP\"}"));
        List<String> lines = new ArrayList<>();
        lines.add(header());
        lines.addAll(rows);
        lines.add(end(rows));
        return lines;
    }

    private static List<String> drop(String table) {
        return rebuilt(base().stream().filter(line -> !line.startsWith("{\"table\":\"" + table + "\"")).toList());
    }

    private static List<String> edit(String table, UnaryOperator<String> change) {
        return rebuilt(base().stream()
                .map(line -> line.startsWith("{\"table\":\"" + table + "\"") ? change.apply(line) : line).toList());
    }

    /** The lines with their closing line counting them again, so that only the crafted flaw is off. */
    private static List<String> rebuilt(List<String> lines) {
        List<String> rows = lines.subList(1, lines.size() - 1);
        List<String> rebuilt = new ArrayList<>();
        rebuilt.add(header());
        rebuilt.addAll(rows);
        rebuilt.add(end(rows));
        return rebuilt;
    }

    private static String header() {
        return "{\"format\":\"amsh-catalog\",\"version\":1}";
    }

    private static String row(String table, String row) {
        return "{\"table\":\"" + table + "\",\"row\":" + row + "}";
    }

    private static String end(List<String> rows) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        CatalogTransfer.TABLES.keySet().forEach(table -> counts.put(table, 0));
        rows.forEach(row -> counts.computeIfPresent(row.substring(10, row.indexOf('"', 10)), (table, n) -> n + 1));
        StringBuilder end = new StringBuilder("{\"end\":{");
        counts.forEach((table, n) -> end.append(end.charAt(end.length() - 1) == '{' ? "" : ",")
                .append('"').append(table).append("\":").append(n));
        return end.append("}}").toString();
    }
}
