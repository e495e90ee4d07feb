package dev.amsh.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Empties the shared test catalog, writes image files, and reads the catalog back for assertions. */
public class CatalogFixture {

    private final JdbcTemplate jdbc;

    public CatalogFixture(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Pins first, as the foreign keys require; an image's versions go with it. */
    public void reset() {
        jdbc.update("DELETE FROM APPLICATION_VERSION");
        jdbc.update("DELETE FROM APPLICATION");
        jdbc.update("DELETE FROM IMAGE");
        jdbc.update("DELETE FROM AUDIT_EVENT");
        jdbc.update("UPDATE IMAGE_SERVER SET LOCATION = NULL, LAST_SYNC_AT = NULL");
    }

    /** A temporary file of {@code size} bytes, as the content of an image version. */
    public static Path imageFile(int size) {
        try {
            Path file = Files.createTempFile("amsh-image", ".tar.xz");
            byte[] content = new byte[size];
            new java.util.Random(size).nextBytes(content);
            Files.write(file, content);
            file.toFile().deleteOnExit();
            return file;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }

    /**
     * Every row of every catalog table except the audit log, as text: compared before and after
     * a refused command to prove it changed nothing.
     */
    public String snapshot() {
        StringBuilder all = new StringBuilder();
        for (String query : List.of(
                "SELECT * FROM IMAGE ORDER BY ID",
                "SELECT * FROM IMAGE_VERSION ORDER BY IMAGE_ID, VERSION",
                "SELECT * FROM APPLICATION ORDER BY ID",
                "SELECT * FROM APPLICATION_VERSION ORDER BY APPLICATION_ID, VERSION",
                "SELECT * FROM IMAGE_SERVER")) {
            for (Map<String, Object> row : jdbc.queryForList(query)) {
                all.append(row).append('\n');
            }
        }
        return all.toString();
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }
}
