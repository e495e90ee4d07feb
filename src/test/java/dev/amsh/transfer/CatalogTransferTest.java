package dev.amsh.transfer;

import dev.amsh.image.model.ImageType;
import dev.amsh.support.CatalogBackend;
import dev.amsh.support.CatalogChecksum;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.CatalogRows;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.vocabulary.Xid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A catalog moved from embedded Derby to PostgreSQL and back by {@code catalog export} and
 * {@code catalog import}: every table's checksum the same at each step, the audit carrying on after
 * the imported events, and the refusals (a catalog not empty, a file cut off or not an export).
 */
class CatalogTransferTest {

    /** More images than one batch of the import holds, and twice as many versions. */
    private static final int MANY_IMAGES = ImportBatches.BATCH_ROWS + 150;

    @TempDir
    Path files;

    @Test
    void aCatalogMovesFromDerbyToPostgresqlAndBackIntact() throws IOException {
        try (ConfigurableApplicationContext derby = CatalogBackend.EMBEDDED_DERBY.session();
                ConfigurableApplicationContext postgres = CatalogBackend.POSTGRESQL.session();
                ConfigurableApplicationContext derbyAgain = CatalogBackend.EMBEDDED_DERBY.session()) {
            fill(derby);
            Map<String, String> original = checksums(derby);

            Path fromDerby = files.resolve("from-derby.jsonl");
            Result exported = ok(derby, "catalog export " + fromDerby);
            assertThat(exported.out()).contains("exported 3 images (6 versions), 1 applications (2 versions), 9 audit events");
            assertThat(Files.getPosixFilePermissions(fromDerby)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readAllLines(fromDerby).get(0)).isEqualTo("{\"format\":\"amsh-catalog\",\"version\":1}");

            ok(postgres, "catalog import " + fromDerby);
            assertThat(checksums(postgres)).isEqualTo(original);

            Path fromPostgres = files.resolve("from-postgres.jsonl");
            ok(postgres, "catalog export " + fromPostgres);
            assertThat(Files.readAllLines(fromPostgres)).isEqualTo(Files.readAllLines(fromDerby));
            ok(derbyAgain, "catalog import " + fromPostgres);
            assertThat(checksums(derbyAgain)).isEqualTo(original);

            long lastImported = jdbc(postgres).queryForObject("SELECT MAX(ID) FROM AUDIT_EVENT", Long.class);
            ok(postgres, "image delete focal --yes");
            ok(derbyAgain, "image delete focal --yes");
            assertThat(jdbc(postgres).queryForObject("SELECT MAX(ID) FROM AUDIT_EVENT", Long.class))
                    .isEqualTo(lastImported + 1);
            // The two new audit events differ in their times and database users; every other table agrees.
            Map<String, String> derbyAfter = checksums(derbyAgain);
            Map<String, String> postgresAfter = checksums(postgres);
            derbyAfter.remove("AUDIT_EVENT");
            postgresAfter.remove("AUDIT_EVENT");
            assertThat(derbyAfter).isEqualTo(postgresAfter);
        }
    }

    @Test
    void refusesToImportIntoACatalogThatIsNotEmptyAndChangesNothing() {
        try (ConfigurableApplicationContext source = CatalogBackend.EMBEDDED_DERBY.session();
                ConfigurableApplicationContext target = CatalogBackend.POSTGRESQL.session()) {
            fill(source);
            Path file = files.resolve("catalog.jsonl");
            ok(source, "catalog export " + file);
            ok(target, "image add mine " + CatalogFixture.imageFile(16));
            Map<String, String> before = checksums(target);

            Result refused = target.getBean(ShellHarness.class).run("catalog import " + file);

            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err().lines()).singleElement().asString().contains("the catalog is not empty");
            Map<String, String> after = checksums(target);
            after.remove("AUDIT_EVENT");
            before.remove("AUDIT_EVENT");
            assertThat(after).isEqualTo(before);
        }
    }

    @Test
    void refusesAFileCutOffOrNotAnExportAndAnExistingExportFile() throws IOException {
        try (ConfigurableApplicationContext source = CatalogBackend.EMBEDDED_DERBY.session();
                ConfigurableApplicationContext target = CatalogBackend.EMBEDDED_DERBY.session()) {
            fill(source);
            Path file = files.resolve("catalog.jsonl");
            ok(source, "catalog export " + file);
            List<String> lines = Files.readAllLines(file);
            Path cut = files.resolve("cut.jsonl");
            Files.write(cut, lines.subList(0, lines.size() - 1));
            Path other = files.resolve("other.jsonl");
            Files.writeString(other, "{\"format\":\"something-else\",\"version\":1}\n", StandardCharsets.UTF_8);
            Map<String, String> empty = checksums(target);

            Path csv = files.resolve("images.csv");
            Files.writeString(csv, "id,name\nbkkbiaphpuo3mh78ain0,jammy\n", StandardCharsets.UTF_8);
            Path broken = files.resolve("broken.jsonl");
            Files.write(broken, List.of(lines.get(0), "{\"table\": oops}"));

            Result cutOff = target.getBean(ShellHarness.class).run("catalog import " + cut);
            Result notAnExport = target.getBean(ShellHarness.class).run("catalog import " + other);
            Result notJson = target.getBean(ShellHarness.class).run("catalog import " + csv);
            Result brokenLine = target.getBean(ShellHarness.class).run("catalog import " + broken);
            Result overwrite = source.getBean(ShellHarness.class).run("catalog export " + other);

            assertThat(cutOff.exitCode()).isEqualTo(2);
            assertThat(cutOff.err()).contains("ends before its closing line").contains("nothing was imported");
            assertThat(notAnExport.exitCode()).isEqualTo(2);
            assertThat(notAnExport.err()).contains("not an amsh catalog export");
            assertThat(notJson.exitCode()).isEqualTo(2);
            assertThat(notJson.err().strip()).isEqualTo("error: " + csv
                    + " line 1: not an amsh catalog export (its first line is not JSON); nothing was imported");
            assertThat(brokenLine.exitCode()).isEqualTo(2);
            assertThat(brokenLine.err().strip()).isEqualTo("error: " + broken
                    + " line 2: not JSON (at column 11); nothing was imported");
            assertThat(overwrite.exitCode()).isEqualTo(1);
            assertThat(overwrite.err()).contains("exists; amsh does not overwrite it");
            assertThat(Files.readString(other)).startsWith("{\"format\":\"something-else\"");
            Map<String, String> after = checksums(target);
            after.remove("AUDIT_EVENT");
            empty.remove("AUDIT_EVENT");
            assertThat(after).isEqualTo(empty);
        }
    }

    @Test
    void aCatalogOfManyBatchesMovesFromDerbyToPostgresqlAndBackChecksumEqual() throws IOException {
        Path crafted = files.resolve("many.jsonl");
        Files.write(crafted, manyBatches(null));
        try (ConfigurableApplicationContext derby = CatalogBackend.EMBEDDED_DERBY.session();
                ConfigurableApplicationContext postgres = CatalogBackend.POSTGRESQL.session();
                ConfigurableApplicationContext derbyAgain = CatalogBackend.EMBEDDED_DERBY.session()) {
            ok(derby, "catalog import " + crafted);
            Map<String, String> original = checksums(derby);
            assertThat(jdbc(derby).queryForObject("SELECT COUNT(*) FROM IMAGE_VERSION", Long.class))
                    .isEqualTo(2L * MANY_IMAGES);

            Path fromDerby = files.resolve("from-derby.jsonl");
            ok(derby, "catalog export " + fromDerby);
            ok(postgres, "catalog import " + fromDerby);
            assertThat(checksums(postgres)).isEqualTo(original);
            Path fromPostgres = files.resolve("from-postgres.jsonl");
            ok(postgres, "catalog export " + fromPostgres);
            assertThat(Files.readAllLines(fromPostgres)).isEqualTo(Files.readAllLines(fromDerby));
            Result imported = ok(derbyAgain, "catalog import " + fromPostgres);

            assertThat(checksums(derbyAgain)).isEqualTo(original);
            assertThat(imported.out()).contains("imported " + MANY_IMAGES + " images (" + 2 * MANY_IMAGES
                    + " versions), 1 applications (1 versions), 3 audit events");
            assertThat(imported.err()).isEmpty();
        }
    }

    @Test
    void aFlawPastTheFirstBatchesIsRefusedAndLeavesTheCatalogAsItWas() throws IOException {
        Path flawed = files.resolve("flawed.jsonl");
        Files.write(flawed, manyBatches("zz"));
        // Header, server, two types, the images, then two versions each: the last version's line.
        int flawedLine = 4 + 3 * MANY_IMAGES;
        for (CatalogBackend backend : List.of(CatalogBackend.EMBEDDED_DERBY, CatalogBackend.POSTGRESQL)) {
            try (ConfigurableApplicationContext target = backend.session()) {
                Map<String, String> before = checksums(target);

                Result refused = target.getBean(ShellHarness.class).run("catalog import " + flawed);

                assertThat(refused.exitCode()).as(backend + ": " + refused.err()).isEqualTo(2);
                assertThat(refused.err().lines()).singleElement().asString()
                        .contains(flawed + " line " + flawedLine + ": IMAGE_VERSION SHA256 must be 64 lowercase hex")
                        .contains("nothing was imported");
                assertThat(checksums(target)).as(backend.toString()).isEqualTo(before);
            }
        }
    }

    /**
     * A catalog file with more rows of each image table than one batch holds: both types, their
     * defaults, {@link #MANY_IMAGES} images of two versions each, an application pinning one, three audit
     * events; the last version's digest replaced by {@code flawedSha256} unless it is null.
     */
    private static List<String> manyBatches(String flawedSha256) {
        String created = "2026-12-06T10:15:30.123456";
        List<String> rows = new ArrayList<>();
        rows.add(row("IMAGE_SERVER", "{\"ID\":1,\"LOCATION\":null,\"LAST_SYNC_AT\":null}"));
        rows.add(row("IMAGE_TYPE", "{\"TYPE\":\"container\",\"CHANGES\":" + MANY_IMAGES + "}"));
        rows.add(row("IMAGE_TYPE", "{\"TYPE\":\"vm\",\"CHANGES\":3}"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MANY_IMAGES; i++) {
            String id = Xid.next();
            String type = i % 10 == 9 ? "vm" : "container";
            ids.add(id);
            rows.add(row("IMAGE", "{\"ID\":\"" + id + "\",\"NAME\":\"img-" + i + "\",\"TYPE\":\"" + type
                    + "\",\"ARCHITECTURE\":\"" + (i % 4 == 0 ? "aarch64" : "x86_64") + "\",\"STATUS\":\"available\","
                    + "\"DEFAULT_OF\":" + (i == 0 || i == 9 ? "\"" + type + "\"" : "null") + ",\"IMMUTABLE\":"
                    + (i % 7 == 0) + ",\"CREATED_AT\":\"" + created + "\",\"NEXT_VERSION\":3}"));
        }
        for (int i = 0; i < MANY_IMAGES; i++) {
            for (int version : new int[] {0, 2}) {
                boolean flawed = flawedSha256 != null && i == MANY_IMAGES - 1 && version == 2;
                String sha256 = flawed ? flawedSha256 : HexFormat.of().formatHex(new byte[] {(byte) i, (byte) version})
                        .repeat(16);
                rows.add(row("IMAGE_VERSION", "{\"IMAGE_ID\":\"" + ids.get(i) + "\",\"VERSION\":" + version
                        + ",\"SIZE\":" + (1000L * i + version) + ",\"SHA256\":\"" + sha256 + "\",\"STATUS\":\"available\","
                        + "\"RELEASE_NAME\":" + (i % 7 == 0 ? "\"1.0." + version + "\"" : "null") + ",\"CREATED_AT\":\""
                        + created + "\",\"SOURCE\":null}"));
            }
        }
        String application = Xid.next();
        rows.add(row("APPLICATION", "{\"ID\":\"" + application + "\",\"NAME\":\"app\",\"CREATED_AT\":\"" + created
                + "\",\"NEXT_VERSION\":1}"));
        rows.add(row("APPLICATION_VERSION", "{\"APPLICATION_ID\":\"" + application + "\",\"VERSION\":0,\"IMAGE_ID\":\""
                + ids.get(1) + "\",\"IMAGE_VERSION\":2,\"CREATED_AT\":\"" + created + "\"}"));
        for (int id : new int[] {4, 5, 9}) {
            rows.add(row("AUDIT_EVENT", "{\"ID\":" + id + ",\"OCCURRED_AT\":\"" + created + "\",\"OS_USER\":\"root\","
                    + "\"ORIGIN\":\"one-shot\",\"COMMAND_TEXT\":\"image add img-" + id + " f\",\"OUTCOME\":\"done\","
                    + "\"DETAIL\":\"added\",\"DATABASE_USER\":null}"));
        }
        List<String> lines = new ArrayList<>();
        lines.add("{\"format\":\"amsh-catalog\",\"version\":1}");
        lines.addAll(rows);
        lines.add("{\"end\":{\"IMAGE_SERVER\":1,\"IMAGE_TYPE\":2,\"IMAGE\":" + MANY_IMAGES + ",\"IMAGE_VERSION\":"
                + 2 * MANY_IMAGES + ",\"APPLICATION\":1,\"APPLICATION_VERSION\":1,\"AUDIT_EVENT\":3}}");
        return lines;
    }

    private static String row(String table, String row) {
        return "{\"table\":\"" + table + "\",\"row\":" + row + "}";
    }

    /** Images of both kinds with several versions, a default, an application pinning two versions, a setting, gaps in ids. */
    private static void fill(ConfigurableApplicationContext session) {
        ok(session, "image add jammy " + CatalogFixture.imageFile(64));
        ok(session, "image update jammy " + CatalogFixture.imageFile(65));
        ok(session, "image add focal " + CatalogFixture.imageFile(66));
        ok(session, "image add gone " + CatalogFixture.imageFile(67));
        ok(session, "image delete gone --yes");
        ok(session, "application create app --image jammy");
        ok(session, "image update jammy " + CatalogFixture.imageFile(68));
        ok(session, "application update app");
        ok(session, "image server set /srv/images/index.json --no-check");
        new CatalogRows(session.getBean(CatalogFixture.class)).insertImmutable("base", ImageType.VM, true, 0, 2);
    }

    /** SHA-256 of each table's rows in key order, each value as the same text on every database. */
    static Map<String, String> checksums(ConfigurableApplicationContext session) {
        return jdbc(session).execute((ConnectionCallback<Map<String, String>>) CatalogChecksum::of);
    }

    private static JdbcTemplate jdbc(ConfigurableApplicationContext session) {
        return session.getBean(JdbcTemplate.class);
    }

    private static Result ok(ConfigurableApplicationContext session, String line) {
        Result result = session.getBean(ShellHarness.class).run(line);
        assertThat(result.exitCode()).as("%s: %s", line, result.err()).isZero();
        return result;
    }
}
