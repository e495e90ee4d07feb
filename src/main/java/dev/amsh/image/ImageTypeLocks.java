package dev.amsh.image;

import dev.amsh.image.model.ImageType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The locks that keep the catalog's invariants under concurrent sessions. Derby holds an
 * exclusive row lock from an UPDATE until the transaction ends, whatever the isolation level,
 * so a lock is taken by a (harmless) update of the row that guards the invariant.
 *
 * <p>Order, to avoid deadlocks: the image type first, then images, then applications.
 */
@Component
class ImageTypeLocks {

    private final JdbcTemplate jdbc;

    ImageTypeLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serializes every add, removal and default switch of images of one type, so that "while a
     * type has images exactly one of them is its default" holds whatever the interleaving.
     */
    void lockType(ImageType type) {
        jdbc.update(LOCK_TYPE, type.wireName());
    }

    /** The statement of {@link #lockType}, its one parameter the type's name. */
    static final String LOCK_TYPE = "UPDATE IMAGE_TYPE SET CHANGES = CHANGES + 1 WHERE TYPE = ?";

    /** The same lock, without counting a change: for rows that come with their counts, as an import's do. */
    void holdType(ImageType type) {
        jdbc.update("UPDATE IMAGE_TYPE SET CHANGES = CHANGES WHERE TYPE = ?", type.wireName());
    }

    /** Counts {@code changes} changes of a type whose lock is held ({@link #holdType}), in one statement. */
    void countChanges(ImageType type, int changes) {
        jdbc.update("UPDATE IMAGE_TYPE SET CHANGES = CHANGES + ? WHERE TYPE = ?", changes, type.wireName());
    }
}
