package dev.amsh.transfer;

import dev.amsh.image.model.ImageType;
import dev.amsh.support.CatalogBackend;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.CatalogRows;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.ShellHarness.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A catalog moved from embedded Derby to PostgreSQL and back by {@code catalog export} and
 * {@code catalog import}: every table's checksum the same at each step, the audit carrying on after
 * the imported events, and the refusals (a catalog not empty, a file cut off or not an export).
 */
class CatalogTransferTest {

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

            Result cutOff = target.getBean(ShellHarness.class).run("catalog import " + cut);
            Result notAnExport = target.getBean(ShellHarness.class).run("catalog import " + other);
            Result overwrite = source.getBean(ShellHarness.class).run("catalog export " + other);

            assertThat(cutOff.exitCode()).isEqualTo(2);
            assertThat(cutOff.err()).contains("ends before its closing line").contains("nothing was imported");
            assertThat(notAnExport.exitCode()).isEqualTo(2);
            assertThat(notAnExport.err()).contains("not an amsh catalog export");
            assertThat(overwrite.exitCode()).isEqualTo(1);
            assertThat(overwrite.err()).contains("exists; amsh does not overwrite it");
            assertThat(Files.readString(other)).startsWith("{\"format\":\"something-else\"");
            Map<String, String> after = checksums(target);
            after.remove("AUDIT_EVENT");
            empty.remove("AUDIT_EVENT");
            assertThat(after).isEqualTo(empty);
        }
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
        JdbcTemplate jdbc = jdbc(session);
        Map<String, String> sums = new LinkedHashMap<>();
        CatalogTransfer.TABLES.forEach((table, key) -> sums.put(table, jdbc.query(
                "SELECT * FROM " + table + " ORDER BY " + key, rs -> {
                    MessageDigest sha256 = sha256();
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            Object value = switch (meta.getColumnType(i)) {
                                case Types.TIMESTAMP -> rs.getTimestamp(i) == null ? null
                                        : rs.getTimestamp(i).toLocalDateTime();
                                case Types.BOOLEAN, Types.BIT -> rs.getObject(i) == null ? null : rs.getBoolean(i);
                                case Types.SMALLINT, Types.INTEGER, Types.BIGINT -> rs.getObject(i) == null ? null
                                        : rs.getLong(i);
                                default -> rs.getString(i);
                            };
                            sha256.update((meta.getColumnName(i).toUpperCase(Locale.ROOT) + "=" + value + "\u0000")
                                    .getBytes(StandardCharsets.UTF_8));
                        }
                        sha256.update((byte) '\n');
                    }
                    return HexFormat.of().formatHex(sha256.digest());
                })));
        return sums;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
