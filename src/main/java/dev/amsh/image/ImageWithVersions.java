package dev.amsh.image;

import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageStatus;
import dev.amsh.image.model.ImageType;
import org.springframework.jdbc.core.ResultSetExtractor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads one Image aggregate from one query (the image joined to its versions). Spring Data JDBC's
 * own loading issues a second query for the versions and generates its SQL anew each time: two
 * thirds of a replayed delete's image read in the profile.
 */
public class ImageWithVersions implements ResultSetExtractor<Image> {

    /** The columns {@link #extractData} reads; {@link ImageStore}'s query selects exactly these. */
    static final String COLUMNS = """
            I.ID, I.NAME, I.TYPE, I.ARCHITECTURE, I.STATUS, I.DEFAULT_OF, I.IMMUTABLE, I.CREATED_AT, I.NEXT_VERSION,
            I.USED_BY_COUNT, V.VERSION, V.SIZE, V.SHA256, V.STATUS AS VERSION_STATUS, V.RELEASE_NAME, V.SOURCE,
            V.CREATED_AT AS VERSION_CREATED_AT""";

    @Override
    public Image extractData(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            return null;
        }
        String id = rs.getString("ID");
        String name = rs.getString("NAME");
        ImageType type = ImageType.parse(rs.getString("TYPE").trim()).orElseThrow();
        Architecture architecture = Architecture.parse(rs.getString("ARCHITECTURE").trim()).orElseThrow();
        ImageStatus status = ImageStatus.parse(rs.getString("STATUS").trim()).orElseThrow();
        String defaultOf = rs.getString("DEFAULT_OF");
        boolean immutable = rs.getBoolean("IMMUTABLE");
        Instant createdAt = instant(rs.getTimestamp("CREATED_AT"));
        int nextVersion = rs.getInt("NEXT_VERSION");
        int usedByCount = rs.getInt("USED_BY_COUNT");
        Set<ImageVersion> versions = new HashSet<>();
        do {
            int version = rs.getInt("VERSION");
            if (!rs.wasNull()) {
                versions.add(new ImageVersion(version, rs.getLong("SIZE"), rs.getString("SHA256"),
                        ImageStatus.parse(rs.getString("VERSION_STATUS").trim()).orElseThrow(),
                        rs.getString("RELEASE_NAME"), rs.getString("SOURCE"),
                        instant(rs.getTimestamp("VERSION_CREATED_AT"))));
            }
        } while (rs.next());
        return new Image(id, name, type, architecture, status,
                defaultOf == null ? null : ImageType.parse(defaultOf.trim()).orElseThrow(), immutable, createdAt,
                nextVersion, usedByCount, versions);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
