package dev.amsh.imageserver;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The one row of IMAGE_SERVER: where the index is and when it was last synchronized. */
@Repository
public class ImageServerSettings {

    private final JdbcTemplate jdbc;

    public ImageServerSettings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param location     as stored (absolute path or URL), empty until set
     * @param lastSyncedAt the last sync from this location, empty if never
     */
    public record Setting(Optional<String> location, Optional<Instant> lastSyncedAt) {
    }

    public Setting read() {
        return jdbc.queryForObject("SELECT LOCATION, LAST_SYNC_AT FROM IMAGE_SERVER WHERE ID = 1", (rs, n) -> {
            Timestamp synced = rs.getTimestamp("LAST_SYNC_AT");
            return new Setting(Optional.ofNullable(rs.getString("LOCATION")),
                    Optional.ofNullable(synced).map(Timestamp::toInstant));
        });
    }

    /** A different location has not been synchronized yet; setting the same one again keeps its sync time. */
    public void setLocation(String location) {
        jdbc.update("""
                UPDATE IMAGE_SERVER SET LAST_SYNC_AT = CASE WHEN LOCATION = ? THEN LAST_SYNC_AT ELSE NULL END,
                       LOCATION = ? WHERE ID = 1""", location, location);
    }

    /**
     * Records a sync from {@code location}, taking the row's lock (so syncs run one at a time).
     *
     * @return false when the stored location is no longer {@code location}
     */
    public boolean markSynchronized(String location, Instant at) {
        return jdbc.update("UPDATE IMAGE_SERVER SET LAST_SYNC_AT = ? WHERE ID = 1 AND LOCATION = ?",
                Timestamp.from(at), location) == 1;
    }
}
