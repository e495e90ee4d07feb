package dev.amsh.image;

import dev.amsh.catalog.CatalogEngine;
import dev.amsh.catalog.CatalogLocation;
import dev.amsh.catalog.SqlWrite;
import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageStatus;
import dev.amsh.image.model.ImageType;
import dev.amsh.image.rules.Removal;
import dev.amsh.vocabulary.Names;
import dev.amsh.vocabulary.Xid;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one way to change images: every service that adds, extends, marks, switches or removes an
 * image comes here, so the image's invariants are kept in one place whoever changes it. While a
 * type has images exactly one of them is its default (the first one added becomes it), version
 * numbers only grow, and locks are taken in one order: the types (in their order), then images
 * (by id), then applications. It keeps each image's stored counts (its versions, the applications
 * using it) in the transaction of the change that moves them, under the image's lock.
 */
@Component
public class ImageStore {

    /*
     * The statements of every delete, a replayed line's hot path, as plain JdbcTemplate calls: through the
     * repository's proxies (the method's metadata, parameter binding and conversion at each call) they
     * took a fifth of the time Derby took to run them.
     */
    private static final String LOCK_IMAGE = "UPDATE IMAGE SET NEXT_VERSION = NEXT_VERSION WHERE ID = ?";
    private static final String IMAGE_WITH_VERSIONS = "SELECT " + ImageWithVersions.COLUMNS
            + " FROM IMAGE I LEFT JOIN IMAGE_VERSION V ON V.IMAGE_ID = I.ID WHERE I.ID = ?";
    /*
     * On PostgreSQL an UPDATE writes a new version of the row (and, on a full page, an entry in each of its
     * indexes) to take the lock; a row lock of the same strength writes only the lock.
     */
    private static final String LOCK_IMAGE_POSTGRESQL = "SELECT ID FROM IMAGE WHERE ID = ? FOR NO KEY UPDATE";
    /*
     * A change's type lock, image lock and read, sent to PostgreSQL in one round trip: its server runs them
     * in turn, each statement reading what was committed when it starts, so the read still follows the locks.
     */
    private static final String LOCK_FOR_CHANGE_POSTGRESQL = ImageTypeLocks.LOCK_TYPE + ";\n" + LOCK_IMAGE_POSTGRESQL
            + ";\n" + IMAGE_WITH_VERSIONS;
    /*
     * A change of the image a name refers to, on PostgreSQL, in one round trip: the type locks of every type
     * the name is looked up in (in their order) come first, so that what the name refers to cannot change under
     * them; then the change is counted on that image's type alone, as its type's lock counts one; then the
     * image is locked, and read. A name's image is the first of its types (two given, or one given twice)
     * that has one.
     */
    private static final String LOCK_NAMED_TYPE_POSTGRESQL =
            "SELECT TYPE FROM IMAGE_TYPE WHERE TYPE = ? FOR NO KEY UPDATE";
    private static final String NAMED_AFTER_TYPE_LOCKS_POSTGRESQL = "UPDATE IMAGE_TYPE SET CHANGES = CHANGES + 1"
            + " WHERE TYPE = (" + named("TYPE") + ");\n" + named("ID") + " FOR NO KEY UPDATE;\n"
            + "SELECT " + ImageWithVersions.COLUMNS + " FROM IMAGE I LEFT JOIN IMAGE_VERSION V ON V.IMAGE_ID = I.ID"
            + " WHERE I.ID = (" + named("ID") + ")";
    private static final String LOCK_IMAGES_POSTGRESQL =
            "SELECT ID FROM IMAGE WHERE ID = ANY (CAST(? AS CHAR(20)[])) ORDER BY ID FOR NO KEY UPDATE";
    private static final String DELETE_VERSIONS = "DELETE FROM IMAGE_VERSION WHERE IMAGE_ID = ?";
    private static final String DELETE_IMAGE = "DELETE FROM IMAGE WHERE ID = ?";

    private final ImageRepository images;
    private final ImageQueries queries;
    private final JdbcAggregateOperations aggregates;
    private final ImageTypeLocks typeLocks;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final boolean postgres;

    ImageStore(ImageRepository images, ImageQueries queries, JdbcAggregateOperations aggregates,
            ImageTypeLocks typeLocks, JdbcTemplate jdbc, Clock clock, CatalogLocation location) {
        this.images = images;
        this.queries = queries;
        this.aggregates = aggregates;
        this.typeLocks = typeLocks;
        this.jdbc = jdbc;
        this.clock = clock;
        this.postgres = CatalogEngine.of(location) == CatalogEngine.POSTGRESQL;
    }

    /** What a new version holds; its number and time are the store's to give. */
    public record VersionContent(long size, String sha256, ImageStatus status, String releaseName, String source) {
    }

    /**
     * An image as a catalog export holds it: its id, time and next version number kept, and whether it is
     * its type's default (of its own type only, so a type cannot get a default of another type's images).
     */
    public record ImportedImage(String id, String name, ImageType type, Architecture architecture, ImageStatus status,
            boolean isDefault, boolean immutable, LocalDateTime createdAt, int nextVersion) {
    }

    /** A version as a catalog export holds it: its number and time kept. */
    public record ImportedVersion(String imageId, int version, long size, String sha256, ImageStatus status,
            String releaseName, String source, LocalDateTime createdAt) {
    }

    /** The time a change records. */
    public Instant now() {
        return clock.instant();
    }

    /** Locks these types, in their order: every add, removal and default switch of their images waits. */
    public void lockTypes(Collection<ImageType> types) {
        types.stream().distinct().sorted().forEach(typeLocks::lockType);
    }

    /** Locks these types, in their order, without counting a change yet ({@link #countTypeChanges}). */
    public void holdTypes(Collection<ImageType> types) {
        types.stream().distinct().sorted().forEach(typeLocks::holdType);
    }

    /** Counts the changes made to the images of each type whose lock is held, as each change alone would. */
    public void countTypeChanges(Map<ImageType, Integer> changes) {
        changes.forEach(typeLocks::countChanges);
    }

    /** Locks the images by id, in that order (one statement; on Derby a JDBC batch), once their types are locked. */
    public void lockImages(Collection<String> ids) {
        List<String> inOrder = ids.stream().distinct().sorted().toList();
        if (postgres) {
            // One statement: its rows are locked as they leave the sort, in the order of their ids.
            jdbc.query(LOCK_IMAGES_POSTGRESQL, (ResultSet rows) -> null,
                    (Object) inOrder.toArray(String[]::new));
            return;
        }
        jdbc.batchUpdate(LOCK_IMAGE, inOrder, inOrder.size(), (row, id) -> row.setString(1, id));
    }

    /** Locks the type, then the image, and reads the image under the locks; empty when it is gone. */
    public Optional<Image> lockForChange(String id, ImageType type) {
        if (postgres) {
            return Optional.ofNullable(jdbc.execute(LOCK_FOR_CHANGE_POSTGRESQL, (PreparedStatement statements) -> {
                statements.setString(1, type.wireName());
                statements.setString(2, id);
                statements.setString(3, id);
                statements.execute();
                statements.getMoreResults();
                return lockedAndRead(statements);
            }));
        }
        typeLocks.lockType(type);
        return lockImage(id);
    }

    /**
     * Locks for a change of the image a reference names ({@link ImageQueries#locate}: an id, else a name of
     * the reference's types in their order), as {@link #lockForChange} does, and reads it; empty when there is
     * none. On PostgreSQL a name costs one round trip with the locks and the read, holding both types' locks
     * when the name is looked up in both.
     */
    public Optional<Image> lockReferencedForChange(String imageRef, boolean vm) {
        if (!postgres || imageRef.length() > Names.MAX_LENGTH || Xid.looksLikeId(imageRef)) {
            return queries.locate(imageRef, vm).flatMap(key -> lockForChange(key.id(), key.type()));
        }
        List<ImageType> order = ImageQueries.nameOrder(vm);
        List<String> args = new ArrayList<>();
        order.stream().sorted().forEach(type -> args.add(type.wireName()));
        String first = order.get(0).wireName();
        String last = order.get(order.size() - 1).wireName();
        for (int named = 0; named < 3; named++) {
            args.addAll(List.of(imageRef, first, last, first));
        }
        String statements = (LOCK_NAMED_TYPE_POSTGRESQL + ";\n").repeat(order.size())
                + NAMED_AFTER_TYPE_LOCKS_POSTGRESQL;
        return Optional.ofNullable(jdbc.execute(statements, (PreparedStatement pipeline) -> {
            for (int index = 0; index < args.size(); index++) {
                pipeline.setString(index + 1, args.get(index));
            }
            pipeline.execute();
            // Past the types' locks and the count, to the image's lock.
            for (int result = 0; result <= order.size(); result++) {
                pipeline.getMoreResults();
            }
            return lockedAndRead(pipeline);
        }));
    }

    /** The image's lock and then its read, the current and the next results of {@code pipeline}: null when gone. */
    private static Image lockedAndRead(PreparedStatement pipeline) throws SQLException {
        boolean found;
        try (ResultSet locked = pipeline.getResultSet()) {
            found = locked.next();
        }
        pipeline.getMoreResults();
        try (ResultSet read = pipeline.getResultSet()) {
            return found ? new ImageWithVersions().extractData(read) : null;
        }
    }

    /** The {@code column} of the image a name refers to; its parameters: the name, the types, the first type. */
    private static String named(String column) {
        return "SELECT " + column + " FROM IMAGE WHERE NAME = ? AND TYPE IN (?, ?)"
                + " ORDER BY CASE WHEN TYPE = ? THEN 0 ELSE 1 END FETCH FIRST 1 ROW ONLY";
    }

    /**
     * Locks the image alone and reads it under the lock, for a change that keeps its type's default
     * (a new pin, a version appended once its type is locked); empty when it is gone. The row lock lasts
     * until the transaction ends: every change to an image and its versions, and every new application
     * pin, takes it first, so they apply one at a time.
     */
    public Optional<Image> lockImage(String id) {
        boolean found = postgres ? Boolean.TRUE.equals(jdbc.query(LOCK_IMAGE_POSTGRESQL, ResultSet::next, id))
                : jdbc.update(LOCK_IMAGE, id) == 1;
        return found ? withVersions(id) : Optional.empty();
    }

    /** The image with its versions, unlocked. */
    public Optional<Image> read(String id) {
        return withVersions(id).filter(ImageStore::whole);
    }

    private Optional<Image> withVersions(String id) {
        return Optional.ofNullable(jdbc.query(IMAGE_WITH_VERSIONS, new ImageWithVersions(), id));
    }

    public Optional<Image> findByNameAndType(String name, ImageType type) {
        return images.findByNameAndType(name, type).filter(ImageStore::whole);
    }

    /**
     * Read without a lock, an image deleted meanwhile can come back as its row without its versions
     * (read after the row, by Spring Data's second query or further down a join): it is gone, and every
     * image has a version.
     */
    private static boolean whole(Image image) {
        return !image.versions().isEmpty();
    }

    /**
     * Adds an image with these versions (numbered from 0), under its type's lock. It becomes its type's
     * default when asked to, or when the type has none: the first image of a type always does.
     */
    public Image add(String name, ImageType type, Architecture architecture, ImageStatus status, boolean immutable,
            boolean makeDefault, List<VersionContent> contents) {
        typeLocks.lockType(type);
        boolean typeHasDefault = queries.defaultImageId(type).isPresent();
        if (makeDefault && typeHasDefault) {
            images.clearDefault(type.wireName());
        }
        Instant now = now();
        Set<ImageVersion> versions = new HashSet<>();
        for (int number = 0; number < contents.size(); number++) {
            versions.add(version(number, contents.get(number), now));
        }
        Image image = aggregates.insert(new Image(Xid.next(), name, type, architecture, status,
                !typeHasDefault || makeDefault ? type : null, immutable, now, contents.size(), 0, versions));
        images.countVersions(image.id(), contents.size());
        return image;
    }

    /** Appends versions to a locked image, numbered from its next, and gives the image {@code status}. */
    public List<ImageVersion> append(Image image, List<VersionContent> contents, ImageStatus status) {
        Instant now = now();
        List<ImageVersion> added = new ArrayList<>();
        int number = image.nextVersion();
        for (VersionContent content : contents) {
            ImageVersion version = version(number++, content, now);
            images.insertVersion(image.id(), version.version(), version.size(), version.sha256(),
                    version.status().wireName(), version.releaseName(), version.source(), version.createdAt());
            images.versionAppended(image.id());
            added.add(version);
        }
        if (image.status() != status) {
            images.updateStatus(image.id(), status.wireName());
        }
        return added;
    }

    /**
     * Writes images of a catalog being filled from an export, as they were, in one JDBC batch, under their
     * types' locks (held without counting a change: the export brings the types' counts). Every image
     * needs its versions written by {@link #importVersions} in the same transaction, and the caller has
     * checked what the schema does not: one default for each type with images, versions below the next.
     */
    public void importImages(List<ImportedImage> batch) {
        batch.stream().map(ImportedImage::type).distinct().sorted().forEach(typeLocks::holdType);
        jdbc.batchUpdate("""
                INSERT INTO IMAGE (ID, NAME, TYPE, ARCHITECTURE, STATUS, DEFAULT_OF, IMMUTABLE, CREATED_AT, NEXT_VERSION)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", batch, batch.size(), (row, image) -> {
            row.setString(1, image.id());
            row.setString(2, image.name());
            row.setString(3, image.type().wireName());
            row.setString(4, image.architecture().wireName());
            row.setString(5, image.status().wireName());
            if (image.isDefault()) {
                row.setString(6, image.type().wireName());
            }
            else {
                row.setNull(6, Types.VARCHAR);
            }
            row.setBoolean(7, image.immutable());
            row.setTimestamp(8, Timestamp.valueOf(image.createdAt()));
            row.setInt(9, image.nextVersion());
        });
    }

    /**
     * Writes versions of images {@link #importImages} wrote, in one JDBC batch, each image's in the order
     * of their numbers.
     */
    public void importVersions(List<ImportedVersion> batch) {
        List<ImportedVersion> inOrder = batch.stream().sorted(Comparator.comparing(ImportedVersion::imageId)
                .thenComparingInt(ImportedVersion::version)).toList();
        jdbc.batchUpdate("""
                INSERT INTO IMAGE_VERSION (IMAGE_ID, VERSION, SIZE, SHA256, STATUS, RELEASE_NAME, SOURCE, CREATED_AT)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", inOrder, inOrder.size(), (row, version) -> {
            row.setString(1, version.imageId());
            row.setInt(2, version.version());
            row.setLong(3, version.size());
            row.setString(4, version.sha256());
            row.setString(5, version.status().wireName());
            row.setString(6, version.releaseName());
            row.setString(7, version.source());
            row.setTimestamp(8, Timestamp.valueOf(version.createdAt()));
        });
    }

    /** Makes the locked image its type's default; the old default stops being one. */
    public void makeDefault(Image image) {
        images.clearDefault(image.type().wireName());
        images.makeDefault(image.id());
    }

    /** Gives the locked image and one of its versions {@code status} (its content was checked). */
    public void mark(Image image, int version, ImageStatus status) {
        images.updateStatus(image.id(), status.wireName());
        images.updateVersionStatus(image.id(), version, status.wireName());
    }

    /**
     * {@link #remove} and then {@code alongside} (the change's audit event), in the same transaction: on
     * PostgreSQL, a whole image's delete and the write go in one round trip.
     */
    public void remove(Removal removal, SqlWrite alongside) {
        if (postgres && removal.wholeImage()) {
            List<Object> both = new ArrayList<>();
            both.add(removal.imageId());
            both.addAll(alongside.args());
            jdbc.update(DELETE_IMAGE + ";\n" + alongside.sql(), both.toArray());
            return;
        }
        remove(removal);
        jdbc.update(alongside.sql(), alongside.args().toArray());
    }

    /** Removes what the rules allowed, under the locks the decision was taken with. */
    public void remove(Removal removal) {
        if (removal.wholeImage()) {
            // Derby's ON DELETE CASCADE works through a temporary table, 2.5 times slower than the versions first.
            if (!postgres) {
                jdbc.update(DELETE_VERSIONS, removal.imageId());
            }
            jdbc.update(DELETE_IMAGE, removal.imageId());
        }
        else {
            removeVersion(removal.imageId(), removal.versions().get(0).version());
        }
    }

    /**
     * Removes what the rules allowed for locked images, in JDBC batches, as {@link #remove} of each in turn
     * would: single versions first (an image may lose one before it goes whole), then whole images. Each
     * batch goes in the order of the index most of its statement's work is in: versions by image, images
     * by name, which most of the image table's indexes begin with (or with a column of a few values and
     * then the name), so a batch changes each of those indexes page after page, not page here and there.
     */
    public void removeAll(List<Removal> removals) {
        List<Removal> versions = removals.stream().filter(removal -> !removal.wholeImage())
                .sorted(Comparator.comparing(Removal::imageId)).toList();
        List<Removal> whole = removals.stream().filter(Removal::wholeImage).toList();
        jdbc.batchUpdate("DELETE FROM IMAGE_VERSION WHERE IMAGE_ID = ? AND VERSION = ?", versions, versions.size(),
                (row, removal) -> {
                    row.setString(1, removal.imageId());
                    row.setInt(2, removal.versions().get(0).version());
                });
        jdbc.batchUpdate("UPDATE IMAGE SET VERSION_COUNT = VERSION_COUNT - 1 WHERE ID = ?", versions, versions.size(),
                (row, removal) -> row.setString(1, removal.imageId()));
        if (!postgres) {
            // Versions first, as remove does: Derby's ON DELETE CASCADE works through a temporary table.
            List<String> byId = whole.stream().map(Removal::imageId).sorted().toList();
            jdbc.batchUpdate(DELETE_VERSIONS, byId, byId.size(), (row, id) -> row.setString(1, id));
        }
        List<String> byName = whole.stream().sorted(Comparator.comparing(Removal::imageName)
                .thenComparing(Removal::type)).map(Removal::imageId).toList();
        jdbc.batchUpdate(DELETE_IMAGE, byName, byName.size(), (row, id) -> row.setString(1, id));
    }

    /** Removes one version of a locked image that keeps others. */
    public void removeVersion(String imageId, int version) {
        images.countVersions(imageId, -images.deleteVersion(imageId, version));
    }

    /**
     * Counts again the applications using each image, after pins on it were written or removed: the
     * caller holds the images' locks ({@link #lockImage}, {@link #lockImages}), taken before the pins changed.
     */
    public void pinsChanged(Collection<String> imageIds) {
        imageIds.stream().distinct().sorted().forEach(images::countUsers);
    }

    /**
     * Counts every image's versions and users from its rows, for a catalog whose rows were written
     * whole and not through this port (an import, in its own transaction).
     */
    public void countAll() {
        images.countAllVersions();
        images.countAllPinnedUsers();
    }

    private static ImageVersion version(int number, VersionContent content, Instant now) {
        return new ImageVersion(number, content.size(), content.sha256(), content.status(), content.releaseName(),
                content.source(), now);
    }
}
