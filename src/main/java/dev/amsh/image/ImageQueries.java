package dev.amsh.image;

import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageStatus;
import dev.amsh.image.model.ImageType;
import dev.amsh.image.rules.ImageFacts;
import dev.amsh.image.rules.ImageFacts.Pin;
import dev.amsh.vocabulary.Closeness;
import dev.amsh.vocabulary.Names;
import dev.amsh.vocabulary.Xid;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;

/**
 * The read side of the image catalog: bounded, indexed queries for rules, listing and
 * completion. None of them loads more than it returns.
 */
@Repository
public class ImageQueries {

    /** The LIKE pattern of no name filter, which every name matches. */
    static final String EVERY_NAME = "%";

    /** Sorts after every character a name may contain: the upper end of a prefix range scan. */
    private static final String PREFIX_END = "\uffff";

    /**
     * With two types, Derby's optimizer judges {@code TYPE = ?} unselective and scans (and sorts) the
     * whole table: 160 ms on 100,000 images for five names. The index gives the type's images in
     * name order, so the bounded queries stop early. (A Derby optimizer override: the comment must
     * end the line.)
     */
    private static final String BY_TYPE_INDEX = "--DERBY-PROPERTIES index=IMAGE_BY_TYPE_NAME\n";

    private final NamedParameterJdbcTemplate jdbc;

    public ImageQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One row of an image listing. */
    public record ImageSummary(String id, String name, ImageType type, Architecture architecture, ImageStatus status,
            boolean isDefault, boolean immutable, int versionCount) {
    }

    /** Where an image is: enough to lock it before reading it. */
    public record ImageKey(String id, ImageType type) {
    }

    /**
     * The image an operator's reference names, as {@code image} commands resolve it: an id, else a
     * name of the vm variant with {@code --vm}, else of the container variant, else of the vm one.
     */
    public Optional<ImageKey> locate(String imageRef, boolean vm) {
        if (imageRef.length() > Names.MAX_LENGTH) {
            return Optional.empty();
        }
        if (Xid.looksLikeId(imageRef)) {
            Optional<ImageKey> byId = jdbc.query("SELECT ID, TYPE FROM IMAGE WHERE ID = :id", Map.of("id", imageRef),
                    ImageQueries::key).stream().findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        // Both types' images of the name in one probe of the name index: a name of a vm image alone
        // would otherwise cost a second round trip.
        List<ImageKey> named = jdbc.query("SELECT ID, TYPE FROM IMAGE WHERE NAME = :name", Map.of("name", imageRef),
                ImageQueries::key);
        return nameOrder(vm).stream().flatMap(type -> named.stream().filter(key -> key.type() == type)).findFirst();
    }

    /** The types a name is looked up in, in order: with {@code --vm} the vm type's, else container's, then vm's. */
    static List<ImageType> nameOrder(boolean vm) {
        return vm ? List.of(ImageType.VM) : List.of(ImageType.CONTAINER, ImageType.VM);
    }

    /** The ids of the images of either type with one of these names: one probe of the name index each. */
    List<String> idsNamed(Collection<String> names) {
        return names.isEmpty() ? List.of() : jdbc.queryForList("SELECT ID FROM IMAGE WHERE NAME IN (:names)",
                Map.of("names", names), String.class);
    }

    /** Those of the ids that name an image. */
    List<String> existingIds(Collection<String> ids) {
        return ids.isEmpty() ? List.of() : jdbc.queryForList("SELECT ID FROM IMAGE WHERE ID IN (:ids)",
                Map.of("ids", ids), String.class);
    }

    /** The images with these ids, as the deletion planner starts from them. */
    List<DeletionPlanner.KnownImage> knownImages(Collection<String> ids) {
        return ids.isEmpty() ? List.of() : jdbc.query("SELECT ID, NAME, TYPE, IMMUTABLE, DEFAULT_OF FROM IMAGE WHERE ID IN (:ids)",
                Map.of("ids", ids), (rs, n) -> new DeletionPlanner.KnownImage(rs.getString("ID"), rs.getString("NAME"),
                        type(rs.getString("TYPE")), rs.getBoolean("IMMUTABLE"), rs.getString("DEFAULT_OF") != null));
    }

    /** A completion candidate: an image name or id with what describes it. */
    public record ImageCandidate(String id, String name, ImageType type, boolean isDefault, boolean immutable) {
    }

    /**
     * The other images of the type, counted up to {@link ImageFacts#COUNTED_UP_TO} + 1: a bounded
     * scan of the type's index alone (the image itself, of that type, is one of the rows read).
     */
    public long countOtherImagesOfType(ImageType type) {
        long[] rows = {0};
        jdbc.query("SELECT NAME FROM IMAGE " + BY_TYPE_INDEX + "WHERE TYPE = :type FETCH FIRST :limit ROWS ONLY",
                Map.of("type", type.wireName(), "limit", ImageFacts.COUNTED_UP_TO + 2), rs -> {
                    rows[0]++;
                });
        return Math.max(0, rows[0] - 1);
    }

    public List<String> otherImageNamesOfType(ImageType type, String exceptId, int limit) {
        return jdbc.queryForList("SELECT NAME FROM IMAGE " + BY_TYPE_INDEX
                + "WHERE TYPE = :type AND ID <> :id ORDER BY TYPE, NAME FETCH FIRST :limit ROWS ONLY",
                Map.of("type", type.wireName(), "id", exceptId, "limit", limit), String.class);
    }

    public Optional<String> defaultImageId(ImageType type) {
        return jdbc.queryForList("SELECT ID FROM IMAGE WHERE DEFAULT_OF = :type", Map.of("type", type.wireName()),
                String.class).stream().findFirst();
    }

    /** Every application version that references the image, by application name then version. */
    public List<Pin> pins(String imageId) {
        return jdbc.query("""
                SELECT A.NAME, AV.VERSION, AV.IMAGE_VERSION
                FROM APPLICATION_VERSION AV JOIN APPLICATION A ON A.ID = AV.APPLICATION_ID
                WHERE AV.IMAGE_ID = :id ORDER BY A.NAME, AV.VERSION""", Map.of("id", imageId),
                (rs, n) -> new Pin(rs.getString(1), rs.getInt(2), rs.getInt(3)));
    }

    /** Names starting with {@code prefix}, in name order, at most {@code limit}: an index range scan. */
    public List<ImageCandidate> namesStartingWith(String prefix, int limit) {
        return jdbc.query("""
                SELECT ID, NAME, TYPE, DEFAULT_OF, IMMUTABLE FROM IMAGE
                WHERE NAME >= :low AND NAME < :high ORDER BY NAME, TYPE FETCH FIRST :limit ROWS ONLY""",
                Map.of("low", prefix, "high", prefix + PREFIX_END, "limit", limit), ImageQueries::candidate);
    }

    /** How many image rows have a name starting with {@code prefix}, counted up to {@code limit}: a bounded index range scan. */
    public long countNamesStartingWith(String prefix, int limit) {
        return jdbc.queryForObject("""
                SELECT COUNT(*) FROM (SELECT NAME FROM IMAGE WHERE NAME >= :low AND NAME < :high
                FETCH FIRST :limit ROWS ONLY) AS MATCHING""",
                Map.of("low", prefix, "high", prefix + PREFIX_END, "limit", limit), Long.class);
    }

    /** How many ids start with {@code prefix}, counted up to {@code limit}: a bounded primary-key range scan. */
    public long countIdsStartingWith(String prefix, int limit) {
        return jdbc.queryForObject("""
                SELECT COUNT(*) FROM (SELECT ID FROM IMAGE WHERE ID >= :low AND ID < :high
                FETCH FIRST :limit ROWS ONLY) AS MATCHING""",
                Map.of("low", prefix, "high", prefix + PREFIX_END, "limit", limit), Long.class);
    }

    /** Ids starting with {@code prefix}, at most {@code limit}: a primary-key range scan. */
    public List<ImageCandidate> idsStartingWith(String prefix, int limit) {
        return jdbc.query("""
                SELECT ID, NAME, TYPE, DEFAULT_OF, IMMUTABLE FROM IMAGE
                WHERE ID >= :low AND ID < :high ORDER BY ID FETCH FIRST :limit ROWS ONLY""",
                Map.of("low", prefix, "high", prefix + PREFIX_END, "limit", limit), ImageQueries::candidate);
    }

    /**
     * Names close to {@code wanted}, for "did you mean". Looks only at names sharing its first
     * character in either case (two index ranges, bounded), ranked by edit distance ignoring case.
     */
    public List<String> similarNames(String wanted, int limit) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        String probe = wanted.length() > 200 ? wanted.substring(0, 200) : wanted;
        List<String> nearby = new ArrayList<>();
        String first = probe.substring(0, 1);
        for (String start : new LinkedHashSet<>(List.of(first.toLowerCase(Locale.ROOT), first.toUpperCase(Locale.ROOT)))) {
            nearby.addAll(jdbc.queryForList("""
                    SELECT NAME FROM IMAGE WHERE NAME >= :low AND NAME < :high
                    ORDER BY NAME, TYPE FETCH FIRST 500 ROWS ONLY""",
                    Map.of("low", start, "high", start + PREFIX_END), String.class));
        }
        return Closeness.closest(probe, nearby, limit);
    }

    /**
     * A page of the listing after the given key (keyset paging), names matching a LIKE pattern.
     * {@code NAME >= :afterName} gives the index scan its start, so page 200 costs what page 1 does.
     * A transaction of its own, so that a page read as a deadlock's victim is read again (as are the
     * listing's other reads below) rather than cutting a listing short.
     */
    @Transactional(readOnly = true)
    public List<ImageSummary> page(String likePattern, String afterName, String afterType, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("pattern", likePattern);
        params.put("afterName", afterName);
        params.put("afterType", afterType);
        params.put("limit", limit);
        return jdbc.query("""
                SELECT I.ID, I.NAME, I.TYPE, I.ARCHITECTURE, I.STATUS, I.DEFAULT_OF, I.IMMUTABLE, I.VERSION_COUNT
                FROM IMAGE I
                WHERE I.NAME LIKE :pattern ESCAPE '\\'
                  AND I.NAME >= :afterName AND (I.NAME > :afterName OR I.TYPE > :afterType)
                ORDER BY I.NAME, I.TYPE FETCH FIRST :limit ROWS ONLY""", params, ImageQueries::summary);
    }

    /** Version numbers of the given images, ascending, keyed by image id. */
    @Transactional(readOnly = true)
    public Map<String, List<Integer>> versionNumbers(Collection<String> imageIds) {
        Map<String, List<Integer>> byImage = new LinkedHashMap<>();
        if (imageIds.isEmpty()) {
            return byImage;
        }
        jdbc.query("SELECT IMAGE_ID, VERSION FROM IMAGE_VERSION WHERE IMAGE_ID IN (:ids) ORDER BY IMAGE_ID, VERSION",
                Map.of("ids", imageIds), rs -> {
                    byImage.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getInt(2));
                });
        return byImage;
    }

    /** The names of the given images, keyed by id, in one statement; an id with no image is left out. */
    @Transactional(readOnly = true)
    public Map<String, String> namesOf(Collection<String> imageIds) {
        Map<String, String> names = new LinkedHashMap<>();
        if (imageIds.isEmpty()) {
            return names;
        }
        jdbc.query("SELECT ID, NAME FROM IMAGE WHERE ID IN (:ids)", Map.of("ids", imageIds),
                rs -> {
                    names.put(rs.getString(1), rs.getString(2));
                });
        return names;
    }

    /** Names of the applications using each of the given images, keyed by image id. */
    @Transactional(readOnly = true)
    public Map<String, List<String>> usedBy(Collection<String> imageIds) {
        Map<String, List<String>> byImage = new LinkedHashMap<>();
        if (imageIds.isEmpty()) {
            return byImage;
        }
        jdbc.query("""
                SELECT DISTINCT AV.IMAGE_ID, A.NAME FROM APPLICATION_VERSION AV
                JOIN APPLICATION A ON A.ID = AV.APPLICATION_ID WHERE AV.IMAGE_ID IN (:ids)""",
                Map.of("ids", imageIds), rs -> {
                    byImage.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        byImage.values().forEach(names -> names.sort(Comparator.naturalOrder()));
        return byImage;
    }

    /** An application that pins some version of an image. */
    public record ImageUser(String id, String name) {
    }

    /** The applications using the image, by name. */
    public List<ImageUser> applicationsUsing(String imageId) {
        return jdbc.query("""
                SELECT DISTINCT A.ID, A.NAME FROM APPLICATION_VERSION AV
                JOIN APPLICATION A ON A.ID = AV.APPLICATION_ID WHERE AV.IMAGE_ID = :id ORDER BY A.NAME""",
                Map.of("id", imageId), (rs, n) -> new ImageUser(rs.getString(1), rs.getString(2)));
    }

    /**
     * A name filter, the same for the shell and the dashboard so that the same words give the same rows:
     * a glob ({@code jammy*}) matches whole names; plain text ({@code jammy}) matches anywhere in a name.
     */
    public static String nameFilterToLike(String filter) {
        if (filter.isEmpty()) {
            return EVERY_NAME;
        }
        String like = globToLike(filter);
        return filter.contains("*") || filter.contains("?") ? like : "%" + like + "%";
    }

    /** {@code jammy*} to {@code jammy%}, with LIKE's own wildcards escaped so they match themselves. */
    public static String globToLike(String glob) {
        StringBuilder like = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> like.append('%');
                case '?' -> like.append('_');
                case '%', '_', '\\' -> like.append('\\').append(c);
                default -> like.append(c);
            }
        }
        return like.toString();
    }

    private static ImageKey key(ResultSet rs, int row) throws SQLException {
        return new ImageKey(rs.getString("ID"), type(rs.getString("TYPE")));
    }

    private static ImageCandidate candidate(ResultSet rs, int row) throws SQLException {
        return new ImageCandidate(rs.getString("ID"), rs.getString("NAME"), type(rs.getString("TYPE")),
                rs.getString("DEFAULT_OF") != null, rs.getBoolean("IMMUTABLE"));
    }

    private static ImageSummary summary(ResultSet rs, int row) throws SQLException {
        return new ImageSummary(rs.getString("ID"), rs.getString("NAME"), type(rs.getString("TYPE")),
                Architecture.parse(rs.getString("ARCHITECTURE")).orElseThrow(),
                ImageStatus.parse(rs.getString("STATUS")).orElseThrow(), rs.getString("DEFAULT_OF") != null,
                rs.getBoolean("IMMUTABLE"), rs.getInt("VERSION_COUNT"));
    }

    private static ImageType type(String text) {
        return ImageType.parse(text).orElseThrow();
    }
}
