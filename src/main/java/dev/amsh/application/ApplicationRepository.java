package dev.amsh.application;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The Application aggregate's repository: inserts whole, then one targeted statement per change. */
public interface ApplicationRepository extends Repository<Application, String> {

    Optional<Application> findByName(String name);

    /** Takes the application's row lock until the transaction ends. */
    @Modifying
    @Query("UPDATE APPLICATION SET NEXT_VERSION = NEXT_VERSION WHERE ID = :id")
    int lock(@Param("id") String id);

    @Modifying
    @Query("""
            INSERT INTO APPLICATION_VERSION (APPLICATION_ID, VERSION, IMAGE_ID, IMAGE_VERSION, CREATED_AT)
            VALUES (:applicationId, :version, :imageId, :imageVersion, :createdAt)""")
    int insertVersion(@Param("applicationId") String applicationId, @Param("version") int version,
            @Param("imageId") String imageId, @Param("imageVersion") int imageVersion,
            @Param("createdAt") Instant createdAt);

    @Modifying
    @Query("UPDATE APPLICATION SET NEXT_VERSION = NEXT_VERSION + 1 WHERE ID = :id")
    int advanceNextVersion(@Param("id") String id);

    @Modifying
    @Query("DELETE FROM APPLICATION_VERSION WHERE APPLICATION_ID = :id AND VERSION = :version")
    int deleteVersion(@Param("id") String id, @Param("version") int version);

    /** Removes the application; its versions go with it (ON DELETE CASCADE). */
    @Modifying
    @Query("DELETE FROM APPLICATION WHERE ID = :id")
    int delete(@Param("id") String id);

    @Query("SELECT NAME FROM APPLICATION WHERE NAME >= :low AND NAME < :high ORDER BY NAME FETCH FIRST :limit ROWS ONLY")
    List<String> namesBetween(@Param("low") String low, @Param("high") String high, @Param("limit") int limit);

    @Query("SELECT * FROM APPLICATION WHERE NAME > :after ORDER BY NAME FETCH FIRST :limit ROWS ONLY")
    List<Application> pageAfter(@Param("after") String after, @Param("limit") int limit);
}
