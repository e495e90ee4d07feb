package dev.amsh.application;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;
import org.springframework.jdbc.core.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The Application aggregate's repository: inserts whole, then one targeted statement per change. */
public interface ApplicationRepository extends Repository<Application, String> {

    Optional<Application> findByName(String name);

    Optional<Application> findById(String id);

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

    /** How many names lie in the range, counted up to {@code limit}: a bounded index range scan. */
    @Query("""
            SELECT COUNT(*) FROM (SELECT NAME FROM APPLICATION WHERE NAME >= :low AND NAME < :high
            FETCH FIRST :limit ROWS ONLY) AS MATCHING""")
    long countNamesBetween(@Param("low") String low, @Param("high") String high, @Param("limit") int limit);

    /** Ids and names of the applications whose id lies in the range: a primary-key range scan. */
    @Query(value = "SELECT ID, NAME FROM APPLICATION WHERE ID >= :low AND ID < :high ORDER BY ID FETCH FIRST :limit ROWS ONLY",
            rowMapperClass = IdAndName.Mapper.class)
    List<IdAndName> idsBetween(@Param("low") String low, @Param("high") String high, @Param("limit") int limit);

    @Query("""
            SELECT COUNT(*) FROM (SELECT ID FROM APPLICATION WHERE ID >= :low AND ID < :high
            FETCH FIRST :limit ROWS ONLY) AS MATCHING""")
    long countIdsBetween(@Param("low") String low, @Param("high") String high, @Param("limit") int limit);

    /** An application's id with its name, for completing ids. */
    record IdAndName(String id, String name) {

        /** Reads the two columns; Spring Data JDBC maps a query to aggregates only. */
        public static final class Mapper implements RowMapper<IdAndName> {

            @Override
            public IdAndName mapRow(ResultSet row, int number) throws SQLException {
                return new IdAndName(row.getString("ID"), row.getString("NAME"));
            }
        }
    }

    @Query("SELECT * FROM APPLICATION WHERE NAME > :after ORDER BY NAME FETCH FIRST :limit ROWS ONLY")
    List<Application> pageAfter(@Param("after") String after, @Param("limit") int limit);

    @Query("SELECT * FROM APPLICATION WHERE NAME >= :from ORDER BY NAME FETCH FIRST :limit ROWS ONLY")
    List<Application> pageFrom(@Param("from") String from, @Param("limit") int limit);
}
