package dev.amsh.support;

import dev.amsh.image.model.ImageStatus;
import dev.amsh.image.model.ImageType;
import dev.amsh.vocabulary.Xid;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes catalog rows directly: what no command can do yet (images from the image
 * server) and what assertions need to see (defaults, versions, the audit trail).
 */
public class CatalogRows {

    private final JdbcTemplate jdbc;

    public CatalogRows(CatalogFixture catalog) {
        this.jdbc = catalog.jdbc();
    }

    /** One audit event as stored. */
    public record AuditRow(String outcome, String commandText, String detail) {
    }

    /**
     * An image as the image server sync will import it: immutable, with the given versions
     * (each 1 KiB), and the default of its type only when asked.
     *
     * @return the new image's id
     */
    public String insertImmutable(String name, ImageType type, boolean isDefault, int... versions) {
        String id = Xid.next();
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        int next = Arrays.stream(versions).max().orElse(-1) + 1;
        // One transaction: a PostgreSQL catalog refuses, at commit, an image without a version.
        new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())).executeWithoutResult(status -> {
            jdbc.update("""
                    INSERT INTO IMAGE (ID, NAME, TYPE, ARCHITECTURE, STATUS, DEFAULT_OF, IMMUTABLE, CREATED_AT, NEXT_VERSION,
                        VERSION_COUNT)
                    VALUES (?, ?, ?, 'x86_64', ?, ?, TRUE, ?, ?, ?)""",
                    id, name, type.wireName(), ImageStatus.AVAILABLE.wireName(), isDefault ? type.wireName() : null, now,
                    next, versions.length);
            for (int version : versions) {
                jdbc.update("""
                        INSERT INTO IMAGE_VERSION (IMAGE_ID, VERSION, SIZE, SHA256, STATUS, RELEASE_NAME, CREATED_AT)
                        VALUES (?, ?, 1024, ?, ?, ?, ?)""",
                        id, version, "ab".repeat(32), ImageStatus.AVAILABLE.wireName(), "1.0." + version, now);
            }
        });
        return id;
    }

    /** Names of the images that are the default of {@code type}: one at most, if the catalog is right. */
    public List<String> defaultsOf(ImageType type) {
        return jdbc.queryForList("SELECT NAME FROM IMAGE WHERE DEFAULT_OF = ?", String.class, type.wireName());
    }

    public List<Integer> versionsOf(String name, ImageType type) {
        return jdbc.queryForList("""
                SELECT V.VERSION FROM IMAGE_VERSION V JOIN IMAGE I ON I.ID = V.IMAGE_ID
                WHERE I.NAME = ? AND I.TYPE = ? ORDER BY V.VERSION""", Integer.class, name, type.wireName());
    }

    public List<Integer> applicationVersionsOf(String application) {
        return jdbc.queryForList("""
                SELECT V.VERSION FROM APPLICATION_VERSION V JOIN APPLICATION A ON A.ID = V.APPLICATION_ID
                WHERE A.NAME = ? ORDER BY V.VERSION""", Integer.class, application);
    }

    public boolean imageExists(String name, ImageType type) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM IMAGE WHERE NAME = ? AND TYPE = ?", Integer.class, name,
                type.wireName()) > 0;
    }

    /** Every audit event, oldest first. */
    public List<AuditRow> auditTrail() {
        return jdbc.query("SELECT OUTCOME, COMMAND_TEXT, DETAIL FROM AUDIT_EVENT ORDER BY ID",
                (rs, n) -> new AuditRow(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    public AuditRow lastAuditEvent() {
        List<AuditRow> trail = auditTrail();
        if (trail.isEmpty()) {
            throw new AssertionError("the audit log is empty");
        }
        return trail.get(trail.size() - 1);
    }
}
