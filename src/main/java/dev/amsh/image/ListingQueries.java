package dev.amsh.image;

import dev.amsh.image.listing.ListedImage;
import dev.amsh.image.listing.ListingKey;
import dev.amsh.image.listing.ListingOrder;
import dev.amsh.image.listing.ListingSort;
import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageStatus;
import dev.amsh.image.model.ImageType;
import dev.amsh.image.rules.ImageFacts;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The listing's SQL: a page of images in any {@link ListingOrder}, and what the rows of a page need
 * besides, each one statement for the whole page. Every order is an index range scan from the key of
 * the page before (the indexes of changeset 009), so page 2,000 costs what page 1 does, and the
 * counts are the image's stored ones.
 */
@Repository
class ListingQueries {

    private static final String COLUMNS = "I.ID, I.NAME, I.TYPE, I.ARCHITECTURE, I.STATUS, I.DEFAULT_OF, I.IMMUTABLE,"
            + " I.VERSION_COUNT, I.USED_BY_COUNT";

    private final NamedParameterJdbcTemplate jdbc;

    ListingQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Images whose names match a LIKE pattern, in the given order, after {@code after}: the key's
     * first comparison alone bounds the scan, so the index gives the scan its start. A key the order
     * cannot compare starts at the first page.
     */
    List<ListedImage> page(String likePattern, ListingOrder order, Optional<ListingKey> after, int limit) {
        String column = column(order.sort());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("pattern", likePattern);
        params.put("limit", limit);
        Optional<ListingKey> start = after.filter(order::accepts);
        start.ifPresent(key -> {
            params.put("key", order.sort().numeric() ? Integer.parseInt(key.sortValue()) : key.sortValue());
            params.put("name", key.name());
            params.put("type", key.type().wireName());
        });
        String beyond = order.descending() ? "<" : ">";
        String direction = order.descending() ? " DESC" : "";
        List<String> conditions = new ArrayList<>();
        // Matching every name, the pattern is left out: Derby would start the scan of the name index at
        // the pattern's prefix (the first name) rather than at the key, and read every row before a deep page.
        if (!ImageQueries.EVERY_NAME.equals(likePattern)) {
            conditions.add("I.NAME LIKE :pattern ESCAPE '\\'");
        }
        start.ifPresent(key -> conditions.add(after(order.sort(), column, beyond)));
        String sql = "SELECT " + COLUMNS + " FROM IMAGE I " + derbyIndex(order)
                + (conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions))
                + " ORDER BY " + (order.sort() == ListingSort.ID ? "I.ID" + direction
                        : order.sort() == ListingSort.NAME ? "I.NAME" + direction + ", I.TYPE" + direction
                        : column + direction + ", I.NAME" + direction + ", I.TYPE" + direction)
                + " FETCH FIRST :limit ROWS ONLY";
        return jdbc.query(sql, params, ListingQueries::row);
    }

    /** The image's column that holds its value in this order. */
    private static String column(ListingSort sort) {
        return switch (sort) {
            case NAME -> "I.NAME";
            case ID -> "I.ID";
            case TYPE -> "I.TYPE";
            case ARCHITECTURE -> "I.ARCHITECTURE";
            case STATUS -> "I.STATUS";
            case VERSIONS -> "I.VERSION_COUNT";
            case DEFAULT -> "I.DEFAULT_FLAG";
            case IMMUTABLE -> "I.IMMUTABLE_FLAG";
            case USED_BY -> "I.USED_BY_COUNT";
        };
    }

    /** Rows beyond the key, in the order's direction: its value, then name, then type. */
    private static String after(ListingSort sort, String column, String beyond) {
        return switch (sort) {
            case ID -> "I.ID " + beyond + " :key";
            case NAME -> "I.NAME " + beyond + "= :name AND (I.NAME " + beyond + " :name OR I.TYPE " + beyond + " :type)";
            default -> column + " " + beyond + "= :key AND (" + column + " " + beyond + " :key OR I.NAME " + beyond
                    + " :name OR (I.NAME = :name AND I.TYPE " + beyond + " :type))";
        };
    }

    /**
     * Derby's optimizer does not count on FETCH FIRST stopping a scan early, and would rather read the
     * whole table and sort it than walk an index to the page's rows: it is told which index gives the
     * order (one per direction, since Derby reads an index forwards only). PostgreSQL reads the comment
     * as one and finds the index itself. (The override must end its line.)
     */
    private static String derbyIndex(ListingOrder order) {
        if (order.sort() == ListingSort.NAME && !order.descending()) {
            return "--DERBY-PROPERTIES constraint=IMAGE_NAME_PER_TYPE\n";
        }
        String index = switch (order.sort()) {
            case NAME -> "IMAGE_BY_NAME";
            case ID -> "IMAGE_BY_ID";
            case TYPE -> "IMAGE_BY_TYPE_NAME";
            case ARCHITECTURE -> "IMAGE_BY_ARCHITECTURE";
            case STATUS -> "IMAGE_BY_STATUS";
            case VERSIONS -> "IMAGE_BY_VERSION_COUNT";
            case DEFAULT -> "IMAGE_BY_DEFAULT_FLAG";
            case IMMUTABLE -> "IMAGE_BY_IMMUTABLE_FLAG";
            case USED_BY -> "IMAGE_BY_USED_BY_COUNT";
        };
        return "--DERBY-PROPERTIES index=" + index + (order.descending() ? "_DESC" : "") + "\n";
    }

    /** The versions of the given images with their sizes, ascending, keyed by image id. */
    Map<String, List<ImageFacts.VersionFacts>> versions(Collection<String> imageIds) {
        Map<String, List<ImageFacts.VersionFacts>> byImage = new LinkedHashMap<>();
        if (!imageIds.isEmpty()) {
            jdbc.query("SELECT IMAGE_ID, VERSION, SIZE FROM IMAGE_VERSION WHERE IMAGE_ID IN (:ids) ORDER BY IMAGE_ID, VERSION",
                    Map.of("ids", imageIds), rs -> {
                        byImage.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                                .add(new ImageFacts.VersionFacts(rs.getInt(2), rs.getLong(3)));
                    });
        }
        return byImage;
    }

    /** Every application version pinning one of the given images, by application name then version, keyed by image id. */
    Map<String, List<ImageFacts.Pin>> pins(Collection<String> imageIds) {
        Map<String, List<ImageFacts.Pin>> byImage = new LinkedHashMap<>();
        if (!imageIds.isEmpty()) {
            jdbc.query("""
                    SELECT AV.IMAGE_ID, A.NAME, AV.VERSION, AV.IMAGE_VERSION
                    FROM APPLICATION_VERSION AV JOIN APPLICATION A ON A.ID = AV.APPLICATION_ID
                    WHERE AV.IMAGE_ID IN (:ids) ORDER BY AV.IMAGE_ID, A.NAME, AV.VERSION""", Map.of("ids", imageIds), rs -> {
                        byImage.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                                .add(new ImageFacts.Pin(rs.getString(2), rs.getInt(3), rs.getInt(4)));
                    });
        }
        return byImage;
    }

    private static ListedImage row(ResultSet rs, int row) throws SQLException {
        return new ListedImage(rs.getString("ID"), rs.getString("NAME"), ImageType.parse(rs.getString("TYPE")).orElseThrow(),
                Architecture.parse(rs.getString("ARCHITECTURE")).orElseThrow(),
                ImageStatus.parse(rs.getString("STATUS")).orElseThrow(), rs.getString("DEFAULT_OF") != null,
                rs.getBoolean("IMMUTABLE"), rs.getInt("VERSION_COUNT"), rs.getInt("USED_BY_COUNT"));
    }
}
