package dev.amsh.catalog;

import dev.amsh.image.model.ImageType;
import dev.amsh.vocabulary.Xid;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog invariants, checked by SQL on the real catalog (never through the
 * code under test), with the little history some of them need between two checks.
 */
final class CatalogInvariants {

    private final JdbcTemplate jdbc;
    /** Per image id, the version numbers seen at the last check: a number not among them must be new. */
    private final Map<String, TreeSet<Integer>> seenVersions = new HashMap<>();
    /** Per image id, the highest version number ever seen: numbers are never reused. */
    private final Map<String, Integer> highestSeen = new HashMap<>();
    /** Immutable images inserted at the start, with their versions, all of which stay while the image does. */
    private final Map<String, Set<Integer>> immutableVersions = new LinkedHashMap<>();

    CatalogInvariants(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An image as the image server would have synchronized it: immutable, versions 0 to {@code versions - 1}. */
    String insertImmutable(String name, ImageType type, boolean isDefault, int versions) {
        String id = Xid.next();
        Timestamp now = Timestamp.from(Instant.now());
        Set<Integer> numbers = new TreeSet<>();
        // One transaction: a PostgreSQL catalog refuses, at commit, an image without a version.
        new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())).executeWithoutResult(status -> {
            jdbc.update("""
                    INSERT INTO IMAGE (ID, NAME, TYPE, ARCHITECTURE, STATUS, DEFAULT_OF, IMMUTABLE, CREATED_AT, NEXT_VERSION,
                        VERSION_COUNT)
                    VALUES (?, ?, ?, 'x86_64', 'available', ?, TRUE, ?, ?, ?)""",
                    id, name, type.wireName(), isDefault ? type.wireName() : null, now, versions, versions);
            for (int version = 0; version < versions; version++) {
                jdbc.update("""
                        INSERT INTO IMAGE_VERSION (IMAGE_ID, VERSION, SIZE, SHA256, STATUS, RELEASE_NAME, CREATED_AT)
                        VALUES (?, ?, ?, ?, 'available', ?, ?)""",
                        id, version, 1024L * (version + 1), "ab".repeat(32), "1.0." + version, now);
                numbers.add(version);
            }
        });
        immutableVersions.put(id, numbers);
        return id;
    }

    /** Ids of the immutable images inserted at the start that are gone from the catalog. */
    Set<String> removedImmutables() {
        Set<String> removed = new LinkedHashSet<>(immutableVersions.keySet());
        removed.removeAll(jdbc.queryForList("SELECT ID FROM IMAGE WHERE IMMUTABLE = TRUE", String.class));
        return removed;
    }

    /** Fails with every broken invariant's description. */
    void assertHold() {
        assertStateHolds();
        assertHistoryHolds();
    }

    /** The invariants of one state, without the history between checks: safe from any thread. */
    void assertStateHolds() {
        assertThat(jdbc.queryForList(
                "SELECT ID FROM IMAGE I WHERE NOT EXISTS (SELECT 1 FROM IMAGE_VERSION V WHERE V.IMAGE_ID = I.ID)",
                String.class))
                .as("images without a single version").isEmpty();

        for (ImageType type : ImageType.values()) {
            int images = count("SELECT COUNT(*) FROM IMAGE WHERE TYPE = ?", type.wireName());
            int defaults = count("SELECT COUNT(*) FROM IMAGE WHERE DEFAULT_OF = ?", type.wireName());
            assertThat(defaults).as("defaults of type %s, which has %d images", type, images)
                    .isEqualTo(images == 0 ? 0 : 1);
        }

        assertThat(jdbc.queryForList("""
                SELECT AV.APPLICATION_ID || ' v' || CAST(AV.VERSION AS CHAR(10)) FROM APPLICATION_VERSION AV
                WHERE NOT EXISTS (SELECT 1 FROM IMAGE_VERSION V
                                  WHERE V.IMAGE_ID = AV.IMAGE_ID AND V.VERSION = AV.IMAGE_VERSION)""", String.class))
                .as("application versions pinning a missing image version").isEmpty();

        assertThat(jdbc.queryForList("""
                SELECT I.ID FROM IMAGE I JOIN IMAGE_VERSION V ON V.IMAGE_ID = I.ID
                GROUP BY I.ID, I.NEXT_VERSION HAVING MAX(V.VERSION) >= I.NEXT_VERSION""", String.class))
                .as("images whose NEXT_VERSION is not above their highest version").isEmpty();

        assertCountsHold();
    }

    /** Every image's stored counts equal what its rows count (one statement, cheap to run after every line). */
    void assertCountsHold() {
        assertThat(jdbc.queryForList("""
                SELECT I.ID || ' stores ' || CAST(I.VERSION_COUNT AS CHAR(10)) || ' versions and '
                       || CAST(I.USED_BY_COUNT AS CHAR(10)) || ' users' FROM IMAGE I
                WHERE I.VERSION_COUNT <> (SELECT COUNT(*) FROM IMAGE_VERSION V WHERE V.IMAGE_ID = I.ID)
                   OR I.USED_BY_COUNT <> (SELECT COUNT(DISTINCT AV.APPLICATION_ID) FROM APPLICATION_VERSION AV
                                          WHERE AV.IMAGE_ID = I.ID)""", String.class))
                .as("images whose stored counts differ from their rows").isEmpty();
    }

    /** Version numbers never reused, versions of immutable images kept: needs the last check's state. */
    private void assertHistoryHolds() {

        Map<String, TreeSet<Integer>> versions = versionsByImage();
        versions.forEach((id, numbers) -> {
            TreeSet<Integer> before = seenVersions.getOrDefault(id, new TreeSet<>());
            int highest = highestSeen.getOrDefault(id, -1);
            for (int number : numbers) {
                assertThat(before.contains(number) || number > highest)
                        .as("image %s: version %d appeared again (versions before %s, highest ever %d)",
                                id, number, before, highest)
                        .isTrue();
            }
            highestSeen.merge(id, numbers.last(), Math::max);
        });
        seenVersions.clear();
        seenVersions.putAll(versions);

        immutableVersions.forEach((id, initial) -> {
            if (versions.containsKey(id)) {
                assertThat(versions.get(id)).as("versions of immutable image %s", id).isEqualTo(initial);
            }
        });
    }

    private Map<String, TreeSet<Integer>> versionsByImage() {
        Map<String, TreeSet<Integer>> versions = new TreeMap<>();
        jdbc.query("SELECT IMAGE_ID, VERSION FROM IMAGE_VERSION", rs -> {
            versions.computeIfAbsent(rs.getString(1), id -> new TreeSet<>()).add(rs.getInt(2));
        });
        return versions;
    }

    private int count(String sql, Object... args) {
        Integer count = jdbc.queryForObject(sql, Integer.class, args);
        return count == null ? 0 : count;
    }
}
