package dev.amsh.image;

import dev.amsh.image.model.ImageType;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.Optional;

/**
 * The Image aggregate's repository. It exposes no {@code save}: new images are inserted whole
 * (see {@link ImageStore}, its one user), and every later change is one targeted statement.
 */
interface ImageRepository extends Repository<Image, String> {

    Optional<Image> findByNameAndType(String name, ImageType type);

    /** A version was inserted: the next one gets the number after it, and the image counts one more. */
    @Modifying
    @Query("UPDATE IMAGE SET NEXT_VERSION = NEXT_VERSION + 1, VERSION_COUNT = VERSION_COUNT + 1 WHERE ID = :id")
    int versionAppended(@Param("id") String id);

    /** The image's stored version count moves by {@code change}: it holds what it counts, with the change. */
    @Modifying
    @Query("UPDATE IMAGE SET VERSION_COUNT = VERSION_COUNT + :change WHERE ID = :id")
    int countVersions(@Param("id") String id, @Param("change") int change);

    /**
     * Counts again the applications pinning the image, once its lock is held: every pin written or removed
     * holds it, so the count is exact when the transaction commits.
     */
    @Modifying
    @Query("""
            UPDATE IMAGE SET USED_BY_COUNT = (SELECT COUNT(DISTINCT AV.APPLICATION_ID) FROM APPLICATION_VERSION AV
                WHERE AV.IMAGE_ID = :id) WHERE ID = :id""")
    int countUsers(@Param("id") String id);

    /** The versions of every image, from its rows: for a catalog whose rows were written whole, by an import. */
    @Modifying
    @Query("UPDATE IMAGE SET VERSION_COUNT = (SELECT COUNT(*) FROM IMAGE_VERSION V WHERE V.IMAGE_ID = IMAGE.ID)")
    int countAllVersions();

    /**
     * The users of every pinned image, from its rows; an image no application pins keeps its count of 0.
     * Counting every image would keep a sort open per image until the statement ends: Derby ran out of a
     * gigabyte on 100,000 images.
     */
    @Modifying
    @Query("""
            UPDATE IMAGE SET USED_BY_COUNT = (SELECT COUNT(DISTINCT AV.APPLICATION_ID) FROM APPLICATION_VERSION AV
                WHERE AV.IMAGE_ID = IMAGE.ID) WHERE ID IN (SELECT IMAGE_ID FROM APPLICATION_VERSION)""")
    int countAllPinnedUsers();

    @Modifying
    @Query("""
            INSERT INTO IMAGE_VERSION (IMAGE_ID, VERSION, SIZE, SHA256, STATUS, RELEASE_NAME, SOURCE, CREATED_AT)
            VALUES (:imageId, :version, :size, :sha256, :status, :releaseName, :source, :createdAt)""")
    int insertVersion(@Param("imageId") String imageId, @Param("version") int version, @Param("size") long size,
            @Param("sha256") String sha256, @Param("status") String status, @Param("releaseName") String releaseName,
            @Param("source") String source, @Param("createdAt") Instant createdAt);

    @Modifying
    @Query("DELETE FROM IMAGE_VERSION WHERE IMAGE_ID = :id AND VERSION = :version")
    int deleteVersion(@Param("id") String id, @Param("version") int version);

    @Modifying
    @Query("UPDATE IMAGE SET DEFAULT_OF = NULL WHERE DEFAULT_OF = :type")
    int clearDefault(@Param("type") String type);

    @Modifying
    @Query("UPDATE IMAGE SET DEFAULT_OF = TYPE WHERE ID = :id")
    int makeDefault(@Param("id") String id);

    @Modifying
    @Query("UPDATE IMAGE SET STATUS = :status WHERE ID = :id")
    int updateStatus(@Param("id") String id, @Param("status") String status);

    @Modifying
    @Query("UPDATE IMAGE_VERSION SET STATUS = :status WHERE IMAGE_ID = :id AND VERSION = :version")
    int updateVersionStatus(@Param("id") String id, @Param("version") int version, @Param("status") String status);
}
